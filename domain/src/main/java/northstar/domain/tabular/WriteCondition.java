package northstar.domain.tabular;

/** A precondition of a write, checked atomically with it. */
public sealed interface WriteCondition {
    WriteCondition NONE = new None();
    WriteCondition IF_ABSENT = new IfAbsent();

    static WriteCondition ifVersion(long version) {
        return new IfVersion(version);
    }

    /** Write whatever is there. */
    record None() implements WriteCondition {
    }

    /** Write only if no item has the key; otherwise ALREADY_EXISTS. */
    record IfAbsent() implements WriteCondition {
    }

    /** Write only if the item exists at this version; otherwise FAILED_PRECONDITION. */
    record IfVersion(long version) implements WriteCondition {
    }
}

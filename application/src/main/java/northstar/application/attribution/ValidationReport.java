package northstar.application.attribution;

import java.util.List;
import northstar.domain.attribution.Violation;

/** The verdict of a UTM set against a contract. */
public record ValidationReport(boolean valid, List<Violation> violations) {
    public ValidationReport {
        violations = List.copyOf(violations);
    }

    static ValidationReport of(List<Violation> violations) {
        return new ValidationReport(violations.isEmpty(), violations);
    }

    /** The violations in one line, for error messages. */
    public String summary() {
        return String.join("; ", violations.stream().map(Violation::message).toList());
    }
}

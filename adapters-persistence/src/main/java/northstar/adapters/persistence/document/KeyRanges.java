package northstar.adapters.persistence.document;

import java.util.Optional;

/** Key-prefix ranges for stores that answer a prefix query as a range of sorted keys. */
public final class KeyRanges {
    private KeyRanges() {
    }

    /**
     * The least string greater than every string that starts with prefix, in code point (= UTF-8
     * binary) order; empty when there is none (an empty prefix, or one of U+10FFFF only).
     */
    public static Optional<String> prefixEnd(String prefix) {
        int[] cps = prefix.codePoints().toArray();
        for (int i = cps.length - 1; i >= 0; i--) {
            if (cps[i] < Character.MAX_CODE_POINT) {
                int next = cps[i] + 1;
                if (next == Character.MIN_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                cps[i] = next;
                return Optional.of(new String(cps, 0, i + 1));
            }
        }
        return Optional.empty();
    }
}

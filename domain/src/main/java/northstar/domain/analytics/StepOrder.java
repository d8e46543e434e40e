package northstar.domain.analytics;

import java.util.Comparator;

/**
 * The natural order of step ids, in which step_2 comes before step_10. {@link #sortKey} maps a
 * step id to a string whose plain binary order is that natural order, so every backend can index
 * and sort it natively (a SQLite index, a DynamoDB GSI sort key, a Firestore or Cosmos ORDER BY).
 * A run of digits becomes its length (two digits) followed by the digits without leading zeros.
 */
public final class StepOrder {
    public static final Comparator<String> NATURAL = Comparator.comparing(StepOrder::sortKey);

    private StepOrder() {
    }

    public static String sortKey(String stepId) {
        if (stepId == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(stepId.length() + 8);
        int i = 0;
        while (i < stepId.length()) {
            char c = stepId.charAt(i);
            if (c < '0' || c > '9') {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            while (i < stepId.length() && stepId.charAt(i) >= '0' && stepId.charAt(i) <= '9') {
                i++;
            }
            int significant = start;
            while (significant < i - 1 && stepId.charAt(significant) == '0') {
                significant++;
            }
            int length = i - significant;
            // ids are at most 128 characters, so a digit run has at most 99 significant digits
            out.append((char) ('0' + length / 10)).append((char) ('0' + length % 10));
            out.append(stepId, significant, i);
        }
        return out.toString();
    }
}

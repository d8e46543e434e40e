package northstar.domain.analytics;

import northstar.domain.Identifiers;
import northstar.domain.StoreException;

/**
 * Usage an event reports (an LLM call step: provider openai, metric tokens, amount 1200). Ingest
 * charges it to that budget through the budget gate.
 */
public record UsageReport(String provider, String metric, double amount) {
    public UsageReport {
        Identifiers.name("usage.provider", provider);
        Identifiers.name("usage.metric", metric);
        requireAmount("usage.amount", amount);
    }

    /** Usage amounts are finite and not negative. */
    public static double requireAmount(String field, double amount) {
        if (!Double.isFinite(amount)) {
            throw StoreException.invalid(field, "must be a finite number");
        }
        if (amount < 0) {
            throw StoreException.invalid(field, "must not be negative");
        }
        return amount;
    }
}

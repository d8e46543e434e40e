package northstar.application.budget;

import java.time.Instant;
import northstar.domain.budget.BudgetUsageRecord;

/**
 * A hold of {@code amount} against a budget's hard limit until it is committed, released or
 * expires; what it holds stops counting at {@code expiresAt} by itself.
 *
 * @param budget   the budget right after the reservation (its held includes it)
 * @param replayed the reservation was made before under the same Idempotency-Key: nothing changed
 */
public record Reservation(String id, String provider, String metric, double amount, Instant expiresAt,
                          String runId, String stepId, BudgetUsageRecord budget, boolean replayed) {
}

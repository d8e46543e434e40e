package northstar.application.budget;

import northstar.domain.budget.BudgetUsageRecord;

/**
 * How a reservation ended: committed with its actual usage, or released.
 *
 * @param estimate what the reservation held
 * @param amount   the actual usage recorded (0 for a release)
 * @param overrun  the actual was above the estimate: recorded as it is, and the window may now be past its
 *                 hard limit, so later reservations and increments are refused until it has room
 * @param replayed the reservation had already ended this way: nothing changed
 */
public record ReservationEnd(String id, Kind kind, double estimate, double amount, boolean overrun,
                             BudgetUsageRecord budget, boolean replayed) {
    public enum Kind {
        COMMITTED, RELEASED, EXPIRED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

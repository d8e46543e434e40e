package northstar.adapters.http.wire;

import northstar.application.budget.ReservationEnd;

/**
 * How a reservation ended (committed, released, or expired before its release), what it held
 * (estimate), what was recorded (amount), whether that passed the estimate (overrun) and the budget
 * after it.
 */
public record ReservationEndView(String reservationId, String status, double estimate, double amount, boolean overrun,
                                 boolean replayed, BudgetView budget) {
    public static ReservationEndView of(ReservationEnd e) {
        return new ReservationEndView(e.id(), e.kind().wireName(), e.estimate(), e.amount(), e.overrun(), e.replayed(),
                BudgetView.of(e.budget()));
    }
}

package northstar.adapters.http.wire;

import northstar.application.budget.Reservation;

/** A reservation as the API answers it: what it holds until when, what remains, and the budget after it. */
public record ReservationView(String reservationId, String provider, String metric, double amount, String expiresAt,
                              String runId, String stepId, Double remaining, boolean replayed, BudgetView budget) {
    public static ReservationView of(Reservation r) {
        return new ReservationView(r.id(), r.provider(), r.metric(), r.amount(), r.expiresAt().toString(), r.runId(),
                r.stepId(), r.budget().remaining(), r.replayed(), BudgetView.of(r.budget()));
    }
}

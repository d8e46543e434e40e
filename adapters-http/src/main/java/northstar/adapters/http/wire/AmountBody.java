package northstar.adapters.http.wire;

/** POST /v1/budgets/{provider}/{metric}/usage: how much was used. */
public record AmountBody(Double amount) {
    public AmountBody {
        Bodies.required("amount", amount);
    }
}

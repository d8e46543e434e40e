package northstar.adapters.http.wire;

/** PUT /v1/budgets/{provider}/{metric}: the soft (warn) and hard (block) limits, each optional. */
public record LimitsBody(Double softLimit, Double hardLimit) {
}

package northstar.domain.budget;

import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** A usage increment would take usage past the hard limit; it was refused whole. */
public final class BudgetExceeded extends StoreException {
    private final String provider;
    private final String metric;
    private final double amount;

    public BudgetExceeded(String provider, String metric, double amount, String detail) {
        super(ErrorCode.RESOURCE_EXHAUSTED, "northstar", "budget " + provider + "/" + metric + ": adding " + amount
                + " would pass the hard limit" + (detail.isEmpty() ? "" : " (" + detail + ")"), false, null);
        this.provider = provider;
        this.metric = metric;
        this.amount = amount;
    }

    public String provider() {
        return provider;
    }

    public String metric() {
        return metric;
    }

    public double amount() {
        return amount;
    }
}

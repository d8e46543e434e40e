package northstar.application.analytics;

import northstar.domain.StoreException;

/** The outcome of one event of a batch: a receipt, or the typed error of that event alone. */
public record BatchItemResult(int index, IngestReceipt receipt, StoreException error) {
    public BatchItemResult {
        if ((receipt == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of receipt and error");
        }
    }

    public boolean ok() {
        return receipt != null;
    }
}

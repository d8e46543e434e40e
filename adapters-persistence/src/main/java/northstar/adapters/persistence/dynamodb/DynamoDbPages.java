package northstar.adapters.persistence.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsRecord;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Pages of events from DynamoDB queries, bounded by count and by bytes. */
final class DynamoDbPages {
    private DynamoDbPages() {
    }

    /**
     * Up to {@code want} matching items, following LastEvaluatedKey (a filter may thin a response),
     * and no more once they weigh over maxBytes: a page cannot show all of them, so it never skips
     * past one this left unread.
     */
    static List<Map<String, AttributeValue>> collect(DynamoDbClient client, QueryRequest.Builder base, Map<String, AttributeValue> start, int want,
                                                      long maxBytes) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> from = start;
        long bytes = 0;
        try {
            while (items.size() < want && bytes <= maxBytes) {
                QueryResponse r = client.query(base.exclusiveStartKey(from).limit(Math.max(want - items.size(), 25)).build());
                for (Map<String, AttributeValue> item : r.items()) {
                    if (items.size() == want || bytes > maxBytes) {
                        return items;
                    }
                    items.add(item);
                    bytes += DynamoDbDocuments.approximateBytes(item.get("doc"));
                }
                if (r.lastEvaluatedKey() == null || r.lastEvaluatedKey().isEmpty()) {
                    break;
                }
                from = r.lastEvaluatedKey();
            }
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("query events", e);
        }
        return items;
    }

    /** The items in order while they fit the page by count and bytes; the cursor names the last one shown. */
    static Page<AnalyticsRecord> page(List<Map<String, AttributeValue>> items, PageRequest page,
                                              java.util.function.Function<Map<String, AttributeValue>, String> cursor) {
        List<AnalyticsRecord> shown = new ArrayList<>();
        long bytes = 0;
        for (Map<String, AttributeValue> item : items) {
            long size = DynamoDbDocuments.approximateBytes(item.get("doc"));
            if (!page.fits(shown.size(), bytes, size)) {
                return new Page<>(shown, Optional.of(cursor.apply(items.get(shown.size() - 1))));
            }
            bytes += size;
            shown.add(DynamoDbAnalyticsStore.record(item));
        }
        return Page.last(shown);
    }

    /** The result of a call run on another thread, its failure as the call's own. */
    static <T> T await(Future<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, "dynamodb", what + " interrupted", true, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new StoreException(ErrorCode.INTERNAL, "dynamodb", what + " failed", false, e.getCause());
        }
    }
}

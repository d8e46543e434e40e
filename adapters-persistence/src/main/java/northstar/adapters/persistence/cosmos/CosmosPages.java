package northstar.adapters.persistence.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One page of a single-partition query, by Cosmos continuation tokens: it asks for the rest of the
 * page until it has {@code limit} items or the query ends (the service may return short pages), and
 * returns the continuation that resumes right after the last item returned.
 */
final class CosmosPages {
    private CosmosPages() {
    }

    record Result<T>(List<T> items, Optional<String> continuation) {
    }

    static Result<ObjectNode> collect(CosmosContainer container, SqlQuerySpec query, String tenant, String token,
                                      int limit) {
        return collect(container, query, tenant, token, limit, Long.MAX_VALUE, limit);
    }

    /**
     * As above, and no more pages once the items weigh maxBytes: a continuation resumes after a whole
     * service page, so the first asks for firstPage items and later ones for as many as what those
     * weighed says the rest of the budget holds. A page can exceed maxBytes by one service page.
     */
    static Result<ObjectNode> collect(CosmosContainer container, SqlQuerySpec query, String tenant, String token,
                                      int limit, long maxBytes, int firstPage) {
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant));
        List<ObjectNode> items = new ArrayList<>();
        String next = token;
        long bytes = 0;
        int ask = Math.min(limit, firstPage);
        while (items.size() < limit && bytes < maxBytes) {
            Iterator<FeedResponse<ObjectNode>> pages = container.queryItems(query, options, ObjectNode.class)
                    .iterableByPage(next, Math.min(ask, limit - items.size())).iterator();
            if (!pages.hasNext()) {
                next = null;
                break;
            }
            FeedResponse<ObjectNode> page = pages.next();
            for (ObjectNode item : page.getResults()) {
                items.add(item);
                bytes += approximateBytes(item);
            }
            next = page.getContinuationToken();
            if (next == null) {
                break;
            }
            long each = Math.max(1, bytes / Math.max(1, items.size()));
            ask = (int) Math.max(1, Math.min(limit, Math.max(0, maxBytes - bytes) / each));
        }
        return new Result<>(items, Optional.ofNullable(next));
    }

    /** About what a JSON item weighs (see {@link northstar.domain.DocumentValues#approximateBytes}). */
    static long approximateBytes(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || node.isNull()) {
            return 4;
        }
        if (node.isTextual()) {
            return node.textValue().length() + 2L;
        }
        if (node.isObject()) {
            long sum = 2;
            for (var e : node.properties()) {
                sum += e.getKey().length() + 4L + approximateBytes(e.getValue());
            }
            return sum;
        }
        if (node.isArray()) {
            long sum = 2;
            for (var x : node) {
                sum += 1 + approximateBytes(x);
            }
            return sum;
        }
        return 8;
    }
}

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
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenant));
        List<ObjectNode> items = new ArrayList<>();
        String next = token;
        while (items.size() < limit) {
            Iterator<FeedResponse<ObjectNode>> pages = container.queryItems(query, options, ObjectNode.class)
                    .iterableByPage(next, limit - items.size()).iterator();
            if (!pages.hasNext()) {
                next = null;
                break;
            }
            FeedResponse<ObjectNode> page = pages.next();
            items.addAll(page.getResults());
            next = page.getContinuationToken();
            if (next == null) {
                break;
            }
        }
        return new Result<>(items, Optional.ofNullable(next));
    }
}

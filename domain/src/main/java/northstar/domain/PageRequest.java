package northstar.domain;

/**
 * One page of a listing: at most {@code limit} items after the position an earlier page's opaque
 * cursor names (null for the first page). Cursors are produced and understood by the store that
 * served the listing; a malformed cursor is INVALID_ARGUMENT.
 */
public record PageRequest(int limit, String cursor) {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw StoreException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 2048)) {
            throw StoreException.invalid("cursor", "is malformed");
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public PageRequest next(String nextCursor) {
        return new PageRequest(limit, nextCursor);
    }
}

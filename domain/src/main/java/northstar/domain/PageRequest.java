package northstar.domain;

/**
 * One page of a listing: at most {@code limit} items, and at most about {@code maxBytes} of them,
 * after the position an earlier page's opaque cursor names (null for the first page). A page cut by
 * bytes holds at least one item and has a cursor to the rest, so paging on reads everything. Cursors
 * are produced and understood by the store that served the listing; a malformed cursor is
 * INVALID_ARGUMENT.
 *
 * @param maxBytes what the items of one page may weigh, by {@link DocumentValues#approximateBytes}:
 *                 what a store reads for one page, and what one answer holds, stays near it
 */
public record PageRequest(int limit, String cursor, long maxBytes) {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    /** 8 MiB: a page of a thousand small items, or of eight 1 MiB events. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw StoreException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 2048)) {
            throw StoreException.invalid("cursor", "is malformed");
        }
        if (maxBytes < 1) {
            throw StoreException.invalid("max_bytes", "must be positive");
        }
    }

    public PageRequest(int limit, String cursor) {
        this(limit, cursor, DEFAULT_MAX_BYTES);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public PageRequest next(String nextCursor) {
        return new PageRequest(limit, nextCursor, maxBytes);
    }

    /** The same page with another byte bound. */
    public PageRequest withMaxBytes(long bytes) {
        return new PageRequest(limit, cursor, bytes);
    }

    /** Whether an item of itemBytes still fits a page holding count items of bytesSoFar: the first always does. */
    public boolean fits(int count, long bytesSoFar, long itemBytes) {
        return count == 0 || (count < limit && bytesSoFar + itemBytes <= maxBytes);
    }
}

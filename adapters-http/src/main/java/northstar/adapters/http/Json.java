package northstar.adapters.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import northstar.adapters.http.wire.Bodies;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * JSON in and out. Request bodies are read with a size bound (larger: 413, before the body is
 * read whole) and bound to the records of the wire package; answers are written from those records
 * (never from domain types), so each wire shape is declared once.
 */
final class Json {
    static final String CONTENT_TYPE = "application/json";
    /** The request attribute that watches a JSON body against the slow-client limits and the request deadline. */
    static final String BODY_WATCH = "northstar.body_watch";
    static final ObjectMapper MAPPER = Bodies.MAPPER;

    private Json() {
    }

    /** Thrown for a body over the limit: the HTTP layer answers 413. */
    static final class TooLarge extends StoreException {
        TooLarge(long limit) {
            super(ErrorCode.INVALID_ARGUMENT, "body is larger than " + limit + " bytes");
        }
    }

    /**
     * How much of a body over the limit is read and discarded before the 413, so that a client that
     * writes its whole body before it reads (HttpURLConnection, urllib) gets to read the answer
     * instead of a connection reset. Past it the connection is closed; the slow-client limits bound
     * the time either way.
     */
    static final long DRAIN_BYTES = 8L * 1024 * 1024;

    /** The body bound to a record of the wire package; refusals name the JSON path that failed. */
    static <T> T read(Context ctx, long maxBytes, Class<T> type) {
        return Bodies.bind(read(ctx, maxBytes), type, "");
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, String>> STRINGS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    /** The body as a JSON object of string values (a UTM to validate), the field of a refusal named. */
    static Map<String, String> readStrings(Context ctx, long maxBytes) {
        return Bodies.bind(read(ctx, maxBytes), STRINGS, "");
    }

    static JsonNode read(Context ctx, long maxBytes) {
        ContentTypes.requireJson(ctx);
        long declared = ctx.req().getContentLengthLong();
        byte[] bytes;
        java.util.function.UnaryOperator<InputStream> watch = ctx.attribute(BODY_WATCH);
        try (InputStream in = watch == null ? ctx.req().getInputStream() : watch.apply(ctx.req().getInputStream())) {
            if (declared > maxBytes) {
                drain(in);
                throw new TooLarge(maxBytes);
            }
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                drain(in);
                throw new TooLarge(maxBytes);
            }
        } catch (IOException e) {
            throw StoreException.invalid("body", "could not be read");
        }
        if (bytes.length == 0) {
            throw StoreException.invalid("body", "is empty: a JSON object is required");
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonParseException e) {
            throw StoreException.invalid("body", "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw StoreException.invalid("body", "is not valid JSON");
        }
    }

    /** Reads and discards up to {@link #DRAIN_BYTES} of what is left of a body. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long left = DRAIN_BYTES;
        for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
            left -= n;
        }
    }

    /**
     * A listing written as it is generated, {@code {"<field>": [items...], <after...>}}: one item's
     * map at a time, never the whole answer as bytes. Pages are bounded in count and in bytes by the
     * stores ({@link northstar.domain.PageRequest#maxBytes}), so neither side holds more than a page.
     */
    static <T> void writeList(Context ctx, int status, String field, List<T> items,
                              java.util.function.Function<T, ?> item, Map<String, Object> after) {
        ctx.status(status).contentType(CONTENT_TYPE).header("Cache-Control", "no-store");
        // the generator flushes, and leaves the response's stream for the server to complete
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(ctx.res().getOutputStream())
                .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.writeStartObject();
            g.writeArrayFieldStart(field);
            for (T t : items) {
                g.writeObject(item.apply(t));
            }
            g.writeEndArray();
            for (Map.Entry<String, Object> e : after.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeObject(e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            // the client went away mid-answer: nothing to tell it
            throw new UncheckedIOException(e);
        }
    }

    /** A page: {@code {"items": [...], "next_cursor": ...}}, streamed. */
    static <T> void writePage(Context ctx, northstar.domain.Page<T> page, java.util.function.Function<T, ?> item) {
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        after.put("next_cursor", page.nextCursor().orElse(null));
        writeList(ctx, 200, "items", page.items(), item, after);
    }

    static void write(Context ctx, int status, Object body) {
        try {
            // answers are per caller and may carry tenant data: no cache, shared or private, keeps them
            ctx.status(status).contentType(CONTENT_TYPE).header("Cache-Control", "no-store")
                    .result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package northstar.adapters.persistence.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import northstar.adapters.persistence.document.AnalyticsDocuments;
import northstar.adapters.persistence.document.JsonDocuments;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.IngestJournal;

/**
 * The journal's on-disk frames: {@code [type:1][length:4][crc32c:4][body]}, the CRC over type and
 * body, so a torn or damaged frame is recognised and never read as data. An entry's body is JSON
 * (its sequence, the caller's context and the events in the stored document form); an
 * acknowledgement's body is the sequence it acknowledges.
 */
final class JournalCodec {
    static final byte ENTRY = 1;
    static final byte ACK = 2;
    static final int HEADER = 9;
    /** No frame is longer (a batch of 500 events of 1 MiB JSON bodies at most stays below it). */
    static final int MAX_BODY = 1 << 30;

    private JournalCodec() {
    }

    static ByteBuffer frame(byte type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + body.length);
        b.put(type).putInt(body.length).putInt(crc(type, body)).put(body).flip();
        return b;
    }

    static int crc(byte type, byte[] body) {
        CRC32C c = new CRC32C();
        c.update(type);
        c.update(body);
        return (int) c.getValue();
    }

    static byte[] ack(long sequence) {
        return ByteBuffer.allocate(8).putLong(sequence).array();
    }

    static long ackedSequence(byte[] body) {
        return ByteBuffer.wrap(body).getLong();
    }

    static byte[] entry(long sequence, RequestContext ctx, List<AcceptedEvent> events) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("tenant_id", ctx.tenantId());
        c.put("mode", ctx.mode().wireName());
        c.put("env", ctx.env());
        c.put("project_id", ctx.projectId());
        putIf(c, "user_id", ctx.userId());
        putIf(c, "request_id", ctx.requestId());
        List<Object> es = new ArrayList<>(events.size());
        for (AcceptedEvent e : events) {
            es.add(Map.of("record", AnalyticsDocuments.toDocument(e.record()), "server_timestamp", e.serverTimestamp(),
                    "server_request_id", e.serverRequestId()));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sequence", sequence);
        d.put("context", c);
        d.put("events", es);
        return JsonDocuments.write(d).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static IngestJournal.Entry entry(byte[] body) {
        Map<String, Object> d = JsonDocuments.read(new String(body, StandardCharsets.UTF_8));
        Map<String, Object> c = (Map<String, Object>) d.get("context");
        RequestContext ctx = new RequestContext((String) c.get("tenant_id"), Mode.fromWire("mode", (String) c.get("mode")),
                (String) c.get("env"), (String) c.get("project_id"), (String) c.get("user_id"),
                (String) c.get("request_id"));
        List<AcceptedEvent> events = new ArrayList<>();
        for (Object o : (List<Object>) d.get("events")) {
            Map<String, Object> e = (Map<String, Object>) o;
            // entries written before server_request_id existed read as false: their request ids were the events' own
            events.add(new AcceptedEvent(AnalyticsDocuments.fromDocument((Map<String, Object>) e.get("record")),
                    Boolean.TRUE.equals(e.get("server_timestamp")), Boolean.TRUE.equals(e.get("server_request_id"))));
        }
        return new IngestJournal.Entry(((Number) d.get("sequence")).longValue(), ctx, events);
    }

    private static void putIf(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** What a scan of a segment meets: each whole, intact frame, in order. */
    @FunctionalInterface
    interface FrameVisitor {
        void frame(byte type, byte[] body, long offset, int length);
    }

    /**
     * Reads the frames of a segment from its start, handing each whole frame whose CRC holds to the
     * visitor; returns where they end (size, or the first torn or damaged frame).
     */
    static long scan(FileChannel ch, long size, FrameVisitor visitor) throws IOException {
        long at = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (at + HEADER <= size) {
            header.clear();
            ch.read(header, at);
            header.flip();
            byte type = header.get();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || length > MAX_BODY || at + HEADER + length > size) {
                break;
            }
            byte[] body = read(ch, at + HEADER, length);
            if (crc(type, body) != crc) {
                break;
            }
            visitor.frame(type, body, at, length);
            at += HEADER + length;
        }
        return at;
    }

    static byte[] read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of journal segment");
            }
        }
        return b.array();
    }
}

package northstar.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the tests (HttpURLConnection: raw paths are sent as written). */
public final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final Observer observer;

    /** Sees every answer the client receives whole (not the streamed ones). */
    @FunctionalInterface
    public interface Observer {
        void seen(String method, String path, Response response);
    }

    public Http(String base) {
        this(base, (m, p, r) -> { });
    }

    private Http(String base, Observer observer) {
        this.base = base;
        this.observer = observer;
    }

    /** This client, with every answer also shown to the observer (which may fail the test). */
    public Http observed(Observer observer) {
        return new Http(base, observer);
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey()))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    public static final class Request {
        private final Http http;
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private InputStream stream;
        private long streamLength = -1;

        private Request(Http http, String method, String path) {
            this.http = http;
            this.method = method;
            this.path = path;
        }

        public Request key(String apiKey) {
            return header("Authorization", "Bearer " + apiKey);
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request json(Object body) {
            try {
                this.body = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return header("Content-Type", "application/json");
        }

        public Request bytes(byte[] body, String contentType) {
            this.body = body;
            return header("Content-Type", contentType);
        }

        /** A streamed body: fixed length when known, chunked otherwise. */
        public Request stream(InputStream in, long length, String contentType) {
            this.stream = in;
            this.streamLength = length;
            return header("Content-Type", contentType);
        }

        public Response send() {
            return http.send(this);
        }

        /** Sends and hands the response body to the reader, streamed. */
        public int receive(BodyReader reader) {
            return http.receive(this, reader);
        }
    }

    @FunctionalInterface
    public interface BodyReader {
        void read(int status, Map<String, List<String>> headers, InputStream body) throws IOException;
    }

    public Request get(String path) {
        return new Request(this, "GET", path);
    }

    public Request post(String path) {
        return new Request(this, "POST", path);
    }

    public Request put(String path) {
        return new Request(this, "PUT", path);
    }

    public Request delete(String path) {
        return new Request(this, "DELETE", path);
    }

    public Request head(String path) {
        return new Request(this, "HEAD", path);
    }

    public Request method(String method, String path) {
        return new Request(this, method, path);
    }

    private HttpURLConnection open(Request r) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(r.path.startsWith("http") ? r.path : base + r.path)
                .toURL().openConnection();
        c.setRequestMethod(r.method);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(300_000);
        // one connection per request: an idle keep-alive connection would hold each test's graceful
        // server stop for Jetty's idle timeout (the SIGTERM test covers keep-alive clients)
        c.setRequestProperty("Connection", "close");
        r.headers.forEach(c::setRequestProperty);
        if (r.body != null || r.stream != null) {
            c.setDoOutput(true);
            if (r.stream != null) {
                if (r.streamLength >= 0) {
                    c.setFixedLengthStreamingMode(r.streamLength);
                } else {
                    c.setChunkedStreamingMode(256 * 1024);
                }
                try (OutputStream out = c.getOutputStream(); InputStream in = r.stream) {
                    in.transferTo(out);
                }
            } else {
                c.setFixedLengthStreamingMode(r.body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(r.body);
                }
            }
        }
        return c;
    }

    private Response send(Request r) {
        try {
            HttpURLConnection c = open(r);
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            byte[] body = in == null ? new byte[0] : in.readAllBytes();
            Response response = new Response(status, c.getHeaderFields(), body);
            // close the socket: a body that ended with the connection (a streamed answer to Connection: close)
            // leaves it half open otherwise, and the server's graceful stop would wait for it
            c.disconnect();
            if (!r.path.startsWith("http")) {
                observer.seen(r.method, r.path, response);
            } else if (r.path.startsWith(base + "/")) {
                observer.seen(r.method, r.path.substring(base.length()), response);
            } // else a request to another server (a cloud's presigned URL)
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(r.method + " " + r.path, e);
        }
    }

    private int receive(Request r, BodyReader reader) {
        try {
            HttpURLConnection c = open(r);
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                reader.read(status, c.getHeaderFields(), in);
            } finally {
                c.disconnect();
            }
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException(r.method + " " + r.path, e);
        }
    }
}

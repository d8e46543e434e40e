package northstar.adapters.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors the server answers before a route sees the request (a request line or path that cannot
 * be decoded, headers too large, a body on a request that cannot take one): RFC 9457 problems like
 * every other answer, never the server's HTML page. The detail is the server's reason, which names
 * what was wrong with the request and nothing of the service.
 */
final class ProblemErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        Map<String, Object> body = new LinkedHashMap<>();
        String type = code == 400 ? "bad-request" : code == 404 ? "not-found" : code == 413 || code == 431
                ? "too-large" : "http";
        body.put("type", "urn:northstar:problem:" + type);
        body.put("title", Problems.title(code));
        body.put("status", code);
        body.put("detail", message == null || message.isBlank() ? "the request could not be read" : message);
        body.put("instance", request.getHttpURI() == null ? null : request.getHttpURI().getPath());
        body.put("code", code == 400 ? "INVALID_ARGUMENT" : type.toUpperCase(Locale.ROOT).replace('-', '_'));
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            bytes = ("{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}

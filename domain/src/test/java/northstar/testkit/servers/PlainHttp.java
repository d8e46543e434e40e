package northstar.testkit.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import northstar.domain.objects.PresignedRequest;

/** What an uploader without credentials does with a presigned request: send it, with its headers. */
public final class PlainHttp {
    private PlainHttp() {
    }

    /** Sends the body to url with the request's method and headers; returns the HTTP status. */
    public static int send(PresignedRequest request, String url, byte[] body) throws IOException {
        return send(request, url, body, null);
    }

    /** As {@link #send(PresignedRequest, String, byte[])}, over TLS that trusts what tls trusts (null: the JDK's). */
    public static int send(PresignedRequest request, String url, byte[] body, javax.net.ssl.SSLContext tls)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (tls != null && c instanceof javax.net.ssl.HttpsURLConnection https) {
            https.setSSLSocketFactory(tls.getSocketFactory());
        }
        c.setRequestMethod(request.method());
        request.headers().forEach(c::setRequestProperty);
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }

    /** A bodiless request (GET, DELETE, HEAD) to url, without credentials; returns the HTTP status. */
    public static int send(String method, String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }
}

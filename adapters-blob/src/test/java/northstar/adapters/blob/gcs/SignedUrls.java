package northstar.adapters.blob.gcs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a Cloud Storage V4 signed URL as Cloud Storage does (GOOG4-RSA-SHA256): the canonical
 * request is rebuilt from the URL, the method and the headers the uploader sends, and the signature
 * verified with the signer's public key; an expired URL fails. For tests, where the local server does
 * not accept uploads to signed URLs.
 */
final class SignedUrls {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private SignedUrls() {
    }

    static boolean verify(String url, String method, Map<String, String> headers, PublicKey key, Instant now) {
        URI uri = URI.create(url);
        Map<String, String> query = new TreeMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String signature = query.remove("X-Goog-Signature");
        if (signature == null || !"GOOG4-RSA-SHA256".equals(query.get("X-Goog-Algorithm"))) {
            return false;
        }
        Instant signedAt = LocalDateTime.parse(query.get("X-Goog-Date"), STAMP).toInstant(ZoneOffset.UTC);
        if (now.isAfter(signedAt.plusSeconds(Long.parseLong(query.get("X-Goog-Expires"))))) {
            return false;
        }
        Map<String, String> sent = new TreeMap<>();
        headers.forEach((k, v) -> sent.put(k.toLowerCase(), v.trim()));
        sent.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        String signedHeaders = java.net.URLDecoder.decode(query.get("X-Goog-SignedHeaders"), StandardCharsets.UTF_8);
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String h : signedHeaders.split(";")) {
            if (!sent.containsKey(h)) {
                return false; // a header the signature binds was not sent
            }
            canonicalHeaders.append(h).append(':').append(sent.get(h)).append('\n');
        }
        List<String> canonicalQuery = new ArrayList<>();
        query.forEach((k, v) -> canonicalQuery.add(k + "=" + v));
        String canonicalRequest = String.join("\n", method, uri.getRawPath(), String.join("&", canonicalQuery),
                canonicalHeaders.toString(), signedHeaders, "UNSIGNED-PAYLOAD");
        String credential = java.net.URLDecoder.decode(query.get("X-Goog-Credential"), StandardCharsets.UTF_8);
        String scope = credential.substring(credential.indexOf('/') + 1);
        try {
            String toSign = "GOOG4-RSA-SHA256\n" + query.get("X-Goog-Date") + "\n" + scope + "\n" + HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(toSign.getBytes(StandardCharsets.UTF_8));
            return rsa.verify(HexFormat.of().parseHex(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}

package northstar.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A Google service-account key file made on the spot: a fresh RSA key, never registered anywhere.
 * Google's libraries load it offline, and sign with it (V4 signed URLs) offline; its public half is
 * kept to verify those signatures.
 */
public record ServiceAccountKeys(Path file, String clientEmail, KeyPair keys) {
    public static ServiceAccountKeys write(Path dir, String project) {
        return write(dir, project, "https://oauth2.googleapis.com/token");
    }

    /** A key whose tokens come from tokenUri (a local test server's, so no request leaves the machine). */
    public static ServiceAccountKeys write(Path dir, String project, String tokenUri) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair keys = g.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            String email = "northstar-test@" + project + ".iam.gserviceaccount.com";
            String json = "{\"type\": \"service_account\", \"project_id\": \"" + project + "\", \"private_key_id\": \"test-key\", "
                    + "\"private_key\": \"" + pem.replace("\n", "\\n") + "\", \"client_email\": \"" + email + "\", \"client_id\": \"1\", "
                    + "\"token_uri\": \"" + tokenUri + "\"}";
            Files.createDirectories(dir);
            Path file = dir.resolve("service-account-" + project + ".json");
            Files.writeString(file, json);
            return new ServiceAccountKeys(file, email, keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package northstar.adapters.blob.filesystem;

import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RouteSettings;
import northstar.domain.routing.Secret;

/**
 * Everything a {@code filesystem} route's config says, parsed once and strictly ({@link #parse}):
 * the directory, where presigned URLs point (this service), and the key that signs them.
 *
 * @param presignSecret hex of at least 32 bytes
 */
public record FilesystemSettings(Path root, URI publicBaseUrl, Secret presignSecret) {
    public static FilesystemSettings parse(Route route) {
        RouteSettings s = RouteSettings.of(route);
        Secret secret = s.secret("presign_secret");
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(secret.reveal());
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route.describe() + ": config.presign_secret must be hex");
        }
        if (bytes.length < 32) {
            throw new RouteConfigurationException(route.describe() + ": config.presign_secret must hold at least 32 bytes");
        }
        URI base = s.url("public_base_url").orElseThrow(() -> new RouteConfigurationException(route.describe()
                + ": config.public_base_url is required"));
        Path root;
        try {
            root = Path.of(s.text("root"));
        } catch (java.nio.file.InvalidPathException e) {
            throw new RouteConfigurationException(route.describe() + ": config.root is not a path");
        }
        s.done();
        return new FilesystemSettings(root, base, secret);
    }

    /** The signing key's bytes. */
    public byte[] presignKey() {
        return HexFormat.of().parseHex(presignSecret.reveal());
    }
}

package northstar.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.net.URI;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;

/**
 * The token credential an Azure route names in {@code config.credential}, built from that route's
 * config alone; null when the route names none (it then authenticates with a key or connection
 * string of its own). Never DefaultAzureCredential or EnvironmentCredential, which take whatever the
 * environment offers (ArchUnit forbids them).
 * <ul>
 * <li>{@code client_secret}: a Microsoft Entra application, {@code tenant_id}, {@code client_id},
 * {@code client_secret}, optional {@code authority_host} (https, for national clouds); the builder
 * is given Configuration.NONE, so it reads no environment.</li>
 * <li>{@code managed_identity}: the host's managed identity, optional {@code client_id} (a
 * user-assigned identity). Azure exposes the identity endpoint to the process through its
 * environment; reading it is what this choice means, and it is made only by the route.</li>
 * </ul>
 */
public final class AzureCredentials {
    private AzureCredentials() {
    }

    public static TokenCredential forRoute(Route route) {
        if (!route.config().containsKey("credential")) {
            return null;
        }
        return switch (route.require("credential")) {
            case "managed_identity" -> {
                ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
                if (route.config().containsKey("client_id")) {
                    b.clientId(route.require("client_id"));
                }
                yield b.build();
            }
            case "client_secret" -> {
                ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder().configuration(Configuration.NONE)
                        .tenantId(route.require("tenant_id")).clientId(route.require("client_id"))
                        .clientSecret(route.require("client_secret"));
                if (route.config().containsKey("authority_host")) {
                    String host = route.require("authority_host");
                    URI uri;
                    try {
                        uri = URI.create(host);
                    } catch (IllegalArgumentException e) {
                        throw new RouteConfigurationException(route.describe() + ": config.authority_host is not a URL");
                    }
                    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                        throw new RouteConfigurationException(route.describe()
                                + ": config.authority_host must be an https:// URL");
                    }
                    b.authorityHost(host);
                }
                yield b.build();
            }
            default -> throw new RouteConfigurationException(route.describe()
                    + ": config.credential must be managed_identity or client_secret");
        };
    }
}

package northstar.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RouteSettings;

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
        RouteSettings s = RouteSettings.of(route);
        if (!s.has("credential")) {
            return null;
        }
        return switch (s.choice("credential", java.util.Set.of("managed_identity", "client_secret"))) {
            case "managed_identity" -> {
                ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
                s.optionalText("client_id").ifPresent(b::clientId);
                yield b.build();
            }
            default -> {
                ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder().configuration(Configuration.NONE)
                        .tenantId(s.text("tenant_id")).clientId(s.text("client_id"))
                        .clientSecret(s.secret("client_secret").reveal());
                s.url("authority_host").ifPresent(host -> {
                    if (!"https".equals(host.getScheme())) {
                        throw new RouteConfigurationException(route.describe()
                                + ": config.authority_host must be an https:// URL");
                    }
                    b.authorityHost(host.toString());
                });
                yield b.build();
            }
        };
    }
}

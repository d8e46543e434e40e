package northstar.bootstrap;

import java.util.Optional;
import northstar.domain.routing.RouteSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The AWS credentials a route names when it says {@code credentials: default}: the SDK's default
 * provider chain (instance or task roles, SSO, web identity), built here as the Azure and Google
 * credentials are, because reading the host's identity is wiring and only a route may ask for it.
 * A route with static keys needs nothing from here: its adapter signs with them.
 */
public final class AwsCredentialsFor {
    private AwsCredentialsFor() {
    }

    /** The chain for a route naming credentials default, else null (the route's static keys sign). */
    public static AwsCredentialsProvider chain(Optional<RouteSettings.StaticKey> staticKey) {
        return staticKey.isPresent() ? null : DefaultCredentialsProvider.builder().build();
    }
}

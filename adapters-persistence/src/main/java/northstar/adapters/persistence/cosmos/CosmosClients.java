package northstar.adapters.persistence.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosEndToEndOperationLatencyPolicyConfigBuilder;
import com.azure.cosmos.GatewayConnectionConfig;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.core.credential.TokenCredential;
import java.net.URI;
import java.util.Map;
import java.time.Duration;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;

/**
 * One Cosmos DB client per route, from the route's config only. The credential is an explicit
 * choice, exactly one of: {@code endpoint} + {@code key} (the account key); {@code connection_string}
 * (AccountEndpoint=...;AccountKey=...;); {@code endpoint} + {@code credential} naming a token
 * credential (managed_identity, client_secret), which bootstrap builds from the same config and hands
 * over (credentials are wiring: bootstrap/AzureCredentials). Also {@code database}, {@code container};
 * optional {@code request_timeout_seconds} (1-60, default 10; an operation, retries included, ends
 * after three times that), {@code max_throttle_retries} (0-30, default 9), {@code max_connections}
 * (1-10000, default 1000) and {@code create_container} (dev and tests: create database and container
 * with the adapter's partition key and indexing policy). The client talks to the gateway over HTTPS
 * (gateway mode: one connection pool, no direct TCP to replicas).
 */
final class CosmosClients {
    private CosmosClients() {
    }

    record Opened(CosmosClient client, CosmosContainer container) {
        /** Reads the container: the route's readiness. */
        void probe() {
            try {
                container.read();
            } catch (CosmosException e) {
                throw CosmosErrors.translate("probe", e);
            }
        }
    }

    /** How a route authenticates. */
    sealed interface Credential {
        String endpoint();
    }

    record AccountKey(String endpoint, String key) implements Credential {
        @Override
        public String toString() {
            return "AccountKey[" + endpoint + "]";
        }
    }

    record Token(String endpoint, TokenCredential credential) implements Credential {
    }

    static Opened open(Route route, CosmosContainerProperties schema, TokenCredential token) {
        return open(route, schema, credential(route, token));
    }

    static Opened open(Route route, CosmosContainerProperties schema, Credential credential) {
        String database = route.require("database");
        // the design's example names no container: analytics events go to "analytics", tables to "tables"
        String container = route.optional("container",
                route.resourceKind() == northstar.domain.routing.ResourceKind.ANALYTICS_STORE ? "analytics" : "tables");
        Duration timeout = Duration.ofSeconds(route.number("request_timeout_seconds", 10, 1, 60));
        GatewayConnectionConfig gateway = new GatewayConnectionConfig()
                .setMaxConnectionPoolSize((int) route.number("max_connections", 1000, 1, 10_000))
                .setIdleConnectionTimeout(Duration.ofSeconds(60));
        ThrottlingRetryOptions throttling = new ThrottlingRetryOptions()
                .setMaxRetryAttemptsOnThrottledRequests((int) route.number("max_throttle_retries", 9, 0, 30))
                .setMaxRetryWaitTime(timeout.multipliedBy(3));
        CosmosClientBuilder builder = new CosmosClientBuilder().endpoint(credential.endpoint());
        switch (credential) {
            case AccountKey k -> builder.key(k.key());
            case Token t -> builder.credential(t.credential());
        }
        CosmosClient client;
        try {
            client = builder.gatewayMode(gateway).throttlingRetryOptions(throttling)
                    .endToEndOperationLatencyPolicyConfig(new CosmosEndToEndOperationLatencyPolicyConfigBuilder(
                            timeout.multipliedBy(3)).build())
                    .contentResponseOnWriteEnabled(true).userAgentSuffix("northstar-stores").buildClient();
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route.describe() + ": config.endpoint or its key is malformed");
        } catch (CosmosException e) {
            throw CosmosErrors.translate("connect to " + credential.endpoint(), e);
        }
        try {
            if (Boolean.parseBoolean(route.optional("create_container", "false"))) {
                client.createDatabaseIfNotExists(database);
                client.getDatabase(database).createContainerIfNotExists(schema.setId(container));
            }
            return new Opened(client, client.getDatabase(database).getContainer(container));
        } catch (CosmosException e) {
            client.close();
            throw CosmosErrors.translate("create container " + container, e);
        }
    }

    /** The route's credential; token is the credential bootstrap built for config.credential, else null. */
    static Credential credential(Route route, TokenCredential token) {
        Map<String, String> c = route.config();
        int chosen = (c.containsKey("key") ? 1 : 0) + (c.containsKey("connection_string") ? 1 : 0)
                + (c.containsKey("credential") ? 1 : 0);
        if (chosen != 1) {
            throw new RouteConfigurationException(route.describe() + ": set exactly one of config.key (with "
                    + "config.endpoint), config.connection_string and config.credential (managed_identity or "
                    + "client_secret, with config.endpoint)");
        }
        if (c.containsKey("credential") != (token != null)) {
            throw new IllegalArgumentException(route.describe() + ": a token credential is given exactly when "
                    + "config.credential names one");
        }
        if (c.containsKey("connection_string")) {
            return fromConnectionString(route);
        }
        String endpoint = endpoint(route, "endpoint", route.require("endpoint"));
        return token == null ? new AccountKey(endpoint, route.require("key")) : new Token(endpoint, token);
    }

    private static Credential fromConnectionString(Route route) {
        String endpoint = null;
        String key = null;
        for (String part : route.require("connection_string").split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String name = part.substring(0, eq).trim();
                if (name.equalsIgnoreCase("AccountEndpoint")) {
                    endpoint = part.substring(eq + 1).trim();
                } else if (name.equalsIgnoreCase("AccountKey")) {
                    key = part.substring(eq + 1).trim();
                }
            }
        }
        if (endpoint == null || key == null || key.isEmpty()) {
            throw new RouteConfigurationException(route.describe()
                    + ": config.connection_string needs AccountEndpoint and AccountKey");
        }
        return new AccountKey(endpoint(route, "connection_string AccountEndpoint", endpoint), key);
    }

    private static String endpoint(Route route, String field, String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route.describe() + ": config." + field + " is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new RouteConfigurationException(route.describe() + ": config." + field + " must be an https:// URL");
        }
        return endpoint;
    }
}

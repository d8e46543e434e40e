package northstar.adapters.persistence.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosEndToEndOperationLatencyPolicyConfigBuilder;
import com.azure.cosmos.GatewayConnectionConfig;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.azure.cosmos.models.CosmosContainerProperties;
import java.net.URI;
import java.time.Duration;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;

/**
 * One Cosmos DB client per route, from the route's config only (nothing from the environment):
 * {@code endpoint} + {@code key} (the account key), or {@code connection_string}
 * (AccountEndpoint=...;AccountKey=...;), exactly one of the two; {@code database}; {@code container};
 * optional {@code request_timeout_seconds} (1-60, default 10; an operation, retries included, ends
 * after three times that), {@code max_throttle_retries} (0-30,
 * default 9), {@code max_connections} (1-10000, default 1000) and {@code create_container} (dev and
 * tests: create database and container with the adapter's partition key and indexing policy). The
 * client talks to the gateway over HTTPS (gateway mode: one connection pool, no direct TCP to
 * replicas).
 */
final class CosmosClients {
    private CosmosClients() {
    }

    record Opened(CosmosClient client, CosmosContainer container) {
    }

    static Opened open(Route route, CosmosContainerProperties schema) {
        String[] endpointAndKey = endpointAndKey(route);
        String database = route.require("database");
        String container = route.require("container");
        Duration timeout = Duration.ofSeconds(route.number("request_timeout_seconds", 10, 1, 60));
        GatewayConnectionConfig gateway = new GatewayConnectionConfig()
                .setMaxConnectionPoolSize((int) route.number("max_connections", 1000, 1, 10_000))
                .setIdleConnectionTimeout(Duration.ofSeconds(60));
        ThrottlingRetryOptions throttling = new ThrottlingRetryOptions()
                .setMaxRetryAttemptsOnThrottledRequests((int) route.number("max_throttle_retries", 9, 0, 30))
                .setMaxRetryWaitTime(timeout.multipliedBy(3));
        CosmosClient client;
        try {
            client = new CosmosClientBuilder().endpoint(endpointAndKey[0]).key(endpointAndKey[1])
                    .gatewayMode(gateway).throttlingRetryOptions(throttling)
                    .endToEndOperationLatencyPolicyConfig(new CosmosEndToEndOperationLatencyPolicyConfigBuilder(
                            timeout.multipliedBy(3)).build())
                    .contentResponseOnWriteEnabled(true).userAgentSuffix("northstar-stores").buildClient();
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route.describe() + ": config.endpoint or its key is malformed");
        } catch (RuntimeException e) {
            throw CosmosErrors.translate("connect to " + endpointAndKey[0], e);
        }
        try {
            if (Boolean.parseBoolean(route.optional("create_container", "false"))) {
                client.createDatabaseIfNotExists(database);
                client.getDatabase(database).createContainerIfNotExists(schema.setId(container));
            }
            return new Opened(client, client.getDatabase(database).getContainer(container));
        } catch (RuntimeException e) {
            client.close();
            throw CosmosErrors.translate("create container " + container, e);
        }
    }

    private static String[] endpointAndKey(Route route) {
        boolean hasKey = route.config().containsKey("key");
        boolean hasConnection = route.config().containsKey("connection_string");
        if (hasKey == hasConnection) {
            throw new RouteConfigurationException(route.describe()
                    + ": set exactly one of config.key (with config.endpoint) and config.connection_string");
        }
        String endpoint;
        String key;
        if (hasKey) {
            endpoint = route.require("endpoint");
            key = route.require("key");
        } else {
            endpoint = null;
            key = null;
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
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route.describe() + ": config.endpoint is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new RouteConfigurationException(route.describe() + ": config.endpoint must be an https:// URL");
        }
        return new String[] {endpoint, key};
    }
}

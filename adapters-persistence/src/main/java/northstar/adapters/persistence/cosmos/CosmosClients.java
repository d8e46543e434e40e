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
        return open(CosmosSettings.parse(route), schema, token, route.describe());
    }

    static Opened open(CosmosSettings settings, CosmosContainerProperties schema, TokenCredential token, String route) {
        return open(settings, schema, credential(settings, token, route), route);
    }

    static Opened open(CosmosSettings settings, CosmosContainerProperties schema, Credential credential, String route) {
        String database = settings.database();
        String container = settings.container();
        Duration timeout = settings.requestTimeout();
        GatewayConnectionConfig gateway = new GatewayConnectionConfig()
                .setMaxConnectionPoolSize(settings.maxConnections())
                .setIdleConnectionTimeout(Duration.ofSeconds(60));
        ThrottlingRetryOptions throttling = new ThrottlingRetryOptions()
                .setMaxRetryAttemptsOnThrottledRequests(settings.maxThrottleRetries())
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
            throw new RouteConfigurationException(route + ": config.endpoint or its key is malformed");
        } catch (CosmosException e) {
            throw CosmosErrors.translate("connect to " + credential.endpoint(), e);
        }
        try {
            if (settings.createContainer()) {
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
        return credential(CosmosSettings.parse(route), token, route.describe());
    }

    static Credential credential(CosmosSettings settings, TokenCredential token, String route) {
        if (settings.tokenCredential() != (token != null)) {
            throw new IllegalArgumentException(route + ": a token credential is given exactly when "
                    + "config.credential names one");
        }
        return token == null ? new AccountKey(settings.endpoint(), settings.accountKey().orElseThrow().reveal())
                : new Token(settings.endpoint(), token);
    }
}

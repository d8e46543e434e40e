package northstar.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The configuration file as written, bound by Jackson (snake_case names, unknown settings refused,
 * no coercion between JSON types): every setting optional here, checked and defaulted by
 * {@link ConfigFile}, which turns it into a {@link ServiceConfig}.
 */
record ConfigDocument(String listen, String dataDir, String env, String publicBaseUrl, Long maxJsonBodyBytes,
                      Long stopTimeoutSeconds, Long journalMaxBytes, Long ingestDeadlineMs, Long requestDeadlineMs,
                      Limits limits, List<Tenant> tenants, List<RouteDoc> routes, String metricsListen,
                      String logFormat) {

    /** What one client can hold of the service. */
    record Limits(Long maxConcurrentUploads, Long maxConcurrentUploadsPerTenant, Long minUploadBytesPerSecond,
                  Long rateWindowMs, Long headerTimeoutMs, Long idleTimeoutMs) {
    }

    record Tenant(String tenantId, String mode, String projectId, List<Key> apiKeys, List<RouteDoc> routes,
                  Attribution attribution, List<WebhookDoc> webhooks) {
    }

    /** Where the tenant's budget alerts are posted: url, the signing secret (whsec_...) and the event types. */
    record WebhookDoc(String url, String secret, List<String> events) {
    }

    /** An API key by the SHA-256 of the key; projects: those it may act in (absent: any). */
    record Key(String name, String sha256, Boolean admin, List<String> projects) {
    }

    /** unknown_source: accept (store an event whose utm_source no contract fixes, unvalidated) or reject. */
    record Attribution(String unknownSource) {
    }

    /** A route; its config values are scalars (strings, numbers, true/false), read by the backend's own settings. */
    record RouteDoc(String resourceKind, String backendType, Map<String, JsonNode> config) {
    }
}

package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.application.routing.BackendCatalog;
import northstar.domain.ErrorCode;
import northstar.domain.Mode;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectInfo;
import northstar.domain.objects.PutOptions;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RoutingTable;
import org.junit.jupiter.api.Test;

/** Scenario I1 (filesystem guard), the object store namespace, and routing as the one source of truth. */
class GuardAndRoutingTest extends LabHarness {
    final RequestContext saas = new RequestContext("acme", Mode.SAAS, "dev", "proj-1", "user-1", "req-3");
    final RequestContext enterprise = new RequestContext("acme", Mode.ENTERPRISE, "dev", "proj-1", "user-1", "req-4");

    @Test
    void i1TheFilesystemObjectStoreIsRefusedToSaasAndEnterpriseCallers() {
        for (RequestContext ctx : List.of(saas, enterprise)) {
            assertThatThrownBy(() -> app.objects().put(ctx, "a.txt", new ByteArrayInputStream(new byte[] {1}),
                    PutOptions.of(null)))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                        assertThat(e.getMessage()).contains("lab mode only");
                    });
            assertThatThrownBy(() -> app.objects().list(ctx, "", PageRequest.first(10))).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> app.media().store(ctx, "s_1", "u", "image/png",
                    new ByteArrayInputStream(new byte[] {1}), 1)).isInstanceOf(StoreException.class);
        }
        assertThat(app.media().listForSession(lab, "s_1", PageRequest.first(10)).items()).isEmpty();
        assertThat(app.objects().list(lab, "", PageRequest.first(10)).items()).isEmpty();
    }

    /** SQLite is local disk too: the same guard, on every call, with the same message form. */
    @Test
    void i1bTheEmbeddedSqliteStoresAreRefusedToSaasAndEnterpriseCallers() {
        for (RequestContext ctx : List.of(saas, enterprise)) {
            List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
                    () -> app.analytics().query(ctx, new northstar.domain.analytics.AnalyticsQuery(
                            java.time.Instant.EPOCH, java.time.Instant.now(), java.util.Optional.empty(),
                            java.util.Optional.empty(), PageRequest.first(10))),
                    () -> app.budgets().setLimits(ctx, "openai", "tokens", 10.0, 20.0),
                    () -> app.attribution().list(ctx));
            for (var call : calls) {
                assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("sqlite").contains("serves lab mode only")
                            .contains("runs in " + ctx.mode().wireName());
                });
            }
        }
        assertThat(app.budgets().setLimits(lab, "openai", "tokens", 10.0, 20.0).usage()).isZero();
    }

    @Test
    void c4c5c6ObjectsArePutGotAndListedInTheCallersNamespace() throws Exception {
        byte[] body = "raw bytes".getBytes(StandardCharsets.UTF_8);
        ObjectInfo put = app.objects().put(lab, "reports/q1.csv", new ByteArrayInputStream(body), PutOptions.of("text/csv"));
        app.objects().put(lab, "reports/q2.csv", new ByteArrayInputStream(body), PutOptions.of("text/csv"));
        app.objects().put(otherTenant, "reports/q3.csv", new ByteArrayInputStream(body), PutOptions.of("text/csv"));

        try (var c = app.objects().get(lab, "reports/q1.csv")) {
            assertThat(c.body().readAllBytes()).isEqualTo(body);
        }
        assertThat(put.size()).isEqualTo(body.length);
        assertThat(app.objects().list(lab, "reports/", PageRequest.first(10)).items()).extracting(i -> i.key().value())
                .containsExactly("reports/q1.csv", "reports/q2.csv");
        assertThat(app.objects().objectRef(lab, "reports/q1.csv")).endsWith("/tenants/acme/dev/raw/reports/q1.csv");
        assertThatThrownBy(() -> app.objects().get(otherTenant, "reports/q1.csv"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void keysThatWouldLeaveTheNamespaceAreRefused() {
        for (String key : List.of("../globex/secret", "a/../../b", "/etc/passwd", "a\\..\\b", "a/./b", "nul\0byte",
                "a//b", "", "x".repeat(1025))) {
            assertThatThrownBy(() -> app.objects().put(lab, key, new ByteArrayInputStream(new byte[] {1}),
                    PutOptions.of(null))).as(key).isInstanceOf(StoreException.InvalidArgument.class);
        }
        assertThat(app.objects().list(lab, "", PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void presignedPutsAreBoundedInLifetime() {
        assertThatThrownBy(() -> app.objects().presignPut(lab, "a.bin", Duration.ofDays(8), "image/png"))
                .isInstanceOf(StoreException.InvalidArgument.class);
        assertThat(app.objects().presignPut(lab, "a.bin", Duration.ofHours(1), "image/png").url())
                .startsWith("http://127.0.0.1:8080/presigned/tenants/acme/dev/raw/a.bin?");
    }

    @Test
    void aMissingRouteStopsStartupNamingTheKind() {
        RoutingTable noObjects = RoutingTable.of(sqlite(ResourceKind.ANALYTICS_STORE), sqlite(ResourceKind.TABULAR_STORE));

        assertThatThrownBy(() -> Northstar.embedded(noObjects, List.of("acme"), Clock.systemUTC()))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("object_store")
                .hasMessageContaining("acme");
    }

    @Test
    void aCallWithoutARouteFailsHardNamingTheKind() {
        RoutingTable noObjects = RoutingTable.of(sqlite(ResourceKind.ANALYTICS_STORE), sqlite(ResourceKind.TABULAR_STORE));
        try (Northstar partial = Northstar.embedded(noObjects, List.of(), Clock.systemUTC())) {
            assertThatThrownBy(() -> partial.useCases().objects().list(lab, "", PageRequest.first(1)))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                        assertThat(e.getMessage()).contains("no route for resource kind object_store");
                    });
        }
    }

    @Test
    void anUnknownBackendTypeStopsStartupNamingIt() {
        RoutingTable unknown = RoutingTable.of(sqlite(ResourceKind.ANALYTICS_STORE), sqlite(ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "ftp", Map.of()));

        assertThatThrownBy(() -> Northstar.embedded(unknown, List.of("acme"), Clock.systemUTC()))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("unknown backend_type ftp")
                .hasMessageContaining("object_store");
    }

    @Test
    void aMalformedBackendConfigStopsStartupNamingTheField() {
        RoutingTable noRoot = RoutingTable.of(sqlite(ResourceKind.ANALYTICS_STORE), sqlite(ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("public_base_url", "http://x", "presign_secret",
                        SECRET)));

        assertThatThrownBy(() -> Northstar.embedded(noRoot, List.of("acme"), Clock.systemUTC()))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("config.root");
    }

    @Test
    void aTenantRouteOverridesTheDefaultForThatTenantOnly() throws Exception {
        Route own = new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", dir.resolve("globex-bucket").toString(),
                "public_base_url", "http://127.0.0.1:8080", "presign_secret", SECRET));
        RoutingTable routes = new RoutingTable(List.of(sqlite(ResourceKind.ANALYTICS_STORE),
                sqlite(ResourceKind.TABULAR_STORE), filesystem()), Map.of("globex", List.of(own)));
        try (Northstar n = Northstar.embedded(routes, List.of("acme", "globex"), Clock.systemUTC())) {
            n.useCases().objects().put(otherTenant, "x", new ByteArrayInputStream(new byte[] {1}), PutOptions.of(null));
            n.useCases().objects().put(lab, "y", new ByteArrayInputStream(new byte[] {1}), PutOptions.of(null));

            assertThat(dir.resolve("globex-bucket/objects/tenants/globex/dev/raw/x.obj")).isRegularFile();
            assertThat(dir.resolve("objects/objects/tenants/acme/dev/raw/y.obj")).isRegularFile();
            assertThat(dir.resolve("objects/objects/tenants/globex")).doesNotExist();
        }
    }

    @Test
    void eachRoutesAdapterIsBuiltOnceAndReusedByEveryCall() throws Exception {
        AtomicInteger built = new AtomicInteger();
        SqliteBackends sqlite = new SqliteBackends();
        BackendCatalog counting = new BackendCatalog()
                .analytics("sqlite", r -> {
                    built.incrementAndGet();
                    return sqlite.analytics(r);
                })
                .tabular("sqlite", r -> {
                    built.incrementAndGet();
                    return sqlite.tabular(r);
                })
                .objects("filesystem", r -> {
                    built.incrementAndGet();
                    return BackendTypes.filesystem(r, Clock.systemUTC());
                });
        try (Northstar n = Northstar.embedded(labRoutes(), List.of("acme"), counting, Clock.systemUTC())) {
            for (int i = 0; i < 20; i++) {
                n.useCases().budgets().recordUsage(lab, "openai", "tokens", 1);
                n.useCases().objects().put(lab, "k" + i, new ByteArrayInputStream(new byte[] {1}), PutOptions.of(null));
                n.useCases().attribution().list(lab);
            }
            assertThat(built.get()).isEqualTo(3);
        }
    }
}

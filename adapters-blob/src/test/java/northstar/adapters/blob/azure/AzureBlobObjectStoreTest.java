package northstar.adapters.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.servers.PlainHttp;
import northstar.testkit.ObjectStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ObjectStore contract on Azure Blob, against Azurite started by the test on 127.0.0.1. */
class AzureBlobObjectStoreTest extends ObjectStoreContract {
    static LocalServer azurite;

    @BeforeAll
    static void startAzurite() {
        azurite = LocalServer.azurite(Path.of("target/azurite"));
    }

    @AfterAll
    static void stopAzurite() {
        azurite.close();
    }

    @Override
    protected ObjectStore newStore() {
        return new AzureBlobObjectStore(new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of("connection_string",
                azurite.azuriteConnectionString(), "container", "c" + UUID.randomUUID().toString().replace("-", ""),
                "create_container", "true")));
    }

    /** A plain HTTP client with the headers the SAS request lists, as an uploader without credentials sends it. */
    @Override
    protected boolean sendPresigned(PresignedRequest request, String url, byte[] body) throws IOException {
        int status = PlainHttp.send(request, url, body);
        assertThat(status).as("Azure answers success or 403, nothing else").isIn(201, 403);
        return status == 201;
    }

    /**
     * The SAS grants create and write on one blob, nothing else: it does not read or delete that
     * blob, and one whose permissions or scope are widened in the URL no longer verifies.
     */
    @org.junit.jupiter.api.Test
    void aSasGrantsCreateAndWriteOnOneBlobOnlyAndAWidenedOneIsRefused() throws Exception {
        ObjectNamespace ns = new ObjectNamespace("t1", "test");
        PresignedRequest req = store.presignPut(ns, ObjectKey.of("a.txt"), Duration.ofMinutes(5), "text/plain");
        assertThat(req.url()).contains("sp=cw&").contains("sr=b&");
        assertThat(sendPresigned(req, req.url(), "one".getBytes())).isTrue();

        String widened = req.url().replace("sp=cw&", "sp=racwdl&");
        String containerWide = req.url().replace("sr=b&", "sr=c&");
        String containerUrl = containerWide.replace("/tenants%2Ft1%2Ftest%2Fraw%2Fa.txt?", "?restype=container&comp=list&");
        assertThat(containerUrl).contains("?restype=container&comp=list&").doesNotContain("a.txt");

        assertThat(PlainHttp.send("GET", req.url())).as("read with the SAS as issued").isEqualTo(403);
        assertThat(PlainHttp.send("DELETE", req.url())).as("delete with the SAS as issued").isEqualTo(403);
        assertThat(PlainHttp.send("GET", widened)).as("read with widened permissions").isEqualTo(403);
        assertThat(PlainHttp.send("DELETE", widened)).as("delete with widened permissions").isEqualTo(403);
        assertThat(sendPresigned(req, widened, "two".getBytes())).as("write with widened permissions").isFalse();
        assertThat(PlainHttp.send("GET", containerUrl)).as("list the container with a widened scope").isEqualTo(403);
        assertThat(sendPresigned(req, containerWide.replace("a.txt", "b.txt"), "two".getBytes()))
                .as("write another blob with a widened scope").isFalse();
        try (ObjectContent c = store.get(ns, ObjectKey.of("a.txt"))) {
            assertThat(c.body().readAllBytes()).isEqualTo("one".getBytes());
        }
        assertThat(store.head(ns, ObjectKey.of("b.txt"))).isEmpty();
    }

    /** Signing is offline, so an HTTPS account is checked without a server: its SAS says HTTPS only. */
    @org.junit.jupiter.api.Test
    void aSasForAnHttpsEndpointIsHttpsOnly() {
        String https = azurite.azuriteConnectionString().replaceAll("BlobEndpoint=http://[^;]+",
                "BlobEndpoint=https://127.0.0.1:1/devstoreaccount1");
        try (var remote = new AzureBlobObjectStore(new Route(ResourceKind.OBJECT_STORE, "azure_blob",
                Map.of("connection_string", https, "container", "c")))) {
            PresignedRequest req = remote.presignPut(new ObjectNamespace("t1", "test"), ObjectKey.of("a.txt"),
                    Duration.ofMinutes(5), "text/plain");

            assertThat(req.url()).startsWith("https://").contains("spr=https&").doesNotContain("spr=https%2Chttp");
        }
        PresignedRequest local = store.presignPut(new ObjectNamespace("t1", "test"), ObjectKey.of("a.txt"),
                Duration.ofMinutes(5), "text/plain");
        assertThat(local.url()).contains("spr=https%2Chttp&");
    }

    @org.junit.jupiter.api.Test
    void aRouteNamesExactlyOneCredentialAndTokensGoOverHttpsOnly() {
        com.azure.core.credential.TokenCredential token = request -> reactor.core.publisher.Mono.empty();
        var neither = new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of("container", "c"));
        var both = new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of("container", "c", "connection_string",
                azurite.azuriteConnectionString(), "credential", "managed_identity", "endpoint", "https://a.example"));
        var plainHttp = new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of("container", "c", "credential",
                "managed_identity", "endpoint", azurite.endpoint() + "/devstoreaccount1"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AzureBlobObjectStore(neither))
                .isInstanceOf(northstar.domain.routing.RouteConfigurationException.class).hasMessageContaining("exactly one");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AzureBlobObjectStore(both, token))
                .isInstanceOf(northstar.domain.routing.RouteConfigurationException.class).hasMessageContaining("exactly one");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AzureBlobObjectStore(plainHttp, token))
                .isInstanceOf(northstar.domain.routing.RouteConfigurationException.class).hasMessageContaining("https://");
    }
}

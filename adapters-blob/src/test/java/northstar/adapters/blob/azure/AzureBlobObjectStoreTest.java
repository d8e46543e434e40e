package northstar.adapters.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.LocalServer;
import northstar.testkit.PlainHttp;
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
}

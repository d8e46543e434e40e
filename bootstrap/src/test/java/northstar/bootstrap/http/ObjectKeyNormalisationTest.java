package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Over HTTP, a name composed either way (NFC or NFD "café") reaches the same object. */
class ObjectKeyNormalisationTest extends ServiceHarness {
    @Test
    void nfcAndNfdNamesAreOneObject() {
        assertThat(http.put("/v1/objects/docs/caf%C3%A9.txt").key(ACME).bytes("one".getBytes(), "text/plain").send()
                .status()).isEqualTo(201);
        assertThat(http.put("/v1/objects/docs/cafe%CC%81.txt").key(ACME).bytes("two".getBytes(), "text/plain").send()
                .status()).isEqualTo(201);

        assertThat(http.get("/v1/objects/docs/caf%C3%A9.txt").key(ACME).send().text()).isEqualTo("two");
        assertThat(http.get("/v1/objects?prefix=docs/").key(ACME).send().json().get("items")).hasSize(1);
    }
}

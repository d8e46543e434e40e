package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ObjectKeyTest {
    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../b", "a/..", ".", "./a", "a/./b", "/abs", "a//b", "a/", "a\\b",
            "..\\x", "nul\u0000", "tab\there", "line\nbreak", "del\u007f", "\u0085next", "lone\uD800"})
    void refusesKeysThatCouldLeaveOrConfuseTheNamespace(String key) {
        assertThatThrownBy(() -> ObjectKey.of(key)).isInstanceOf(StoreException.InvalidArgument.class);
    }

    @Test
    void refusesEmptyAndOverlongKeys() {
        assertThatThrownBy(() -> ObjectKey.of("")).isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> ObjectKey.of(null)).isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> ObjectKey.of("é".repeat(513))).isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> ObjectKey.of("a".repeat(201))).isInstanceOf(StoreException.InvalidArgument.class);
        assertThat(ObjectKey.of(("a".repeat(200) + "/").repeat(4) + "x").value()).hasSize(805);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "media/4f1c.png", ".hidden", "a..b", "...", "with space/ü/😀.txt", "%2e%2e", "a/b/c"})
    void acceptsOrdinaryKeys(String key) {
        assertThat(ObjectKey.of(key).value()).isEqualTo(key);
    }

    @Test
    void aKeyAlwaysLandsUnderItsNamespace() {
        ObjectNamespace ns = new ObjectNamespace("acme", "prod");
        assertThat(ns.path(ObjectKey.of("media/x.png"))).isEqualTo("tenants/acme/prod/raw/media/x.png");
        assertThatThrownBy(() -> new ObjectNamespace("../acme", "prod")).isInstanceOf(StoreException.class);
    }

    @Test
    void prefixesMayEndWithASlashOrBeEmpty() {
        assertThat(ObjectKey.prefix("")).isEmpty();
        assertThat(ObjectKey.prefix(null)).isEmpty();
        assertThat(ObjectKey.prefix("media/")).isEqualTo("media/");
        assertThatThrownBy(() -> ObjectKey.prefix("../")).isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> ObjectKey.prefix("a//")).isInstanceOf(StoreException.InvalidArgument.class);
    }

    @Test
    void keysAndPrefixesAreNormalisedToNfcSoOneNameIsOneKey() {
        String nfc = "docs/caf\u00e9.txt";
        String nfd = "docs/cafe\u0301.txt";

        assertThat(ObjectKey.of(nfd)).isEqualTo(ObjectKey.of(nfc));
        assertThat(ObjectKey.of(nfd).value()).isEqualTo(nfc);
        assertThat(ObjectKey.prefix("docs/cafe\u0301")).isEqualTo("docs/caf\u00e9");
        assertThatThrownBy(() -> ObjectKey.of("a\ud800b")).isInstanceOf(StoreException.InvalidArgument.class);
    }
}

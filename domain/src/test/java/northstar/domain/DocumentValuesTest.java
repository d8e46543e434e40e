package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentValuesTest {
    @Test
    void normalisesNumbersSoEveryBackendReadsBackEqualValues() {
        Map<String, Object> in = new HashMap<>();
        in.put("int", 7);
        in.put("whole", 5.0);
        in.put("float", 0.5f);
        in.put("fraction", 0.1);
        in.put("huge", 1e300);
        in.put("list", List.of((short) 1, 2.0));

        Map<String, Object> out = DocumentValues.copyMap("payload", in);

        assertThat(out).containsEntry("int", 7L).containsEntry("whole", 5L).containsEntry("float", 0.5)
                .containsEntry("fraction", 0.1).containsEntry("huge", 1e300).containsEntry("list", List.of(1L, 2L));
    }

    @Test
    void copiesAreImmutableAndDetachedFromTheirSource() {
        List<Object> source = new ArrayList<>(List.of("a"));
        Map<String, Object> out = DocumentValues.copyMap("p", Map.of("l", source));
        source.add("b");

        assertThat(out.get("l")).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> out.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesWhatNoBackendCanStore() {
        assertThatThrownBy(() -> DocumentValues.copy("p", Double.NaN)).isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> DocumentValues.copy("p", new Object())).isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> DocumentValues.copy("p", Map.of(1, "x"))).isInstanceOf(StoreException.InvalidArgument.class);
        Object deep = "leaf";
        for (int i = 0; i < 20; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> DocumentValues.copy("p", tooDeep)).isInstanceOf(StoreException.InvalidArgument.class)
                .hasMessageContaining("nested");
    }
}

package northstar.adapters.http.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import northstar.domain.StoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binding is strict and names the JSON path of what failed, under where the value sits in the body. */
class BodiesTest {
    static EventBody bind(String json, String at) throws Exception {
        return Bodies.bind(Bodies.MAPPER.readTree(json), EventBody.class, at);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"app":5}                                    |           | app              | a string
            {"app":"a","usage":{"amount":"1"}}           |           | usage.amount     | a number
            {"app":"a","usage":{"amount":true}}          | events[4] | events[4].usage.amount | a number
            {"app":"a","usage":{"unit":"t"}}             | events[0] | events[0].usage.unit | not a field
            {"app":"a","payload":[1]}                    |           | payload          | a JSON object
            {"app":"a","utm_source":["g"]}               |           | utm_source       | a string
            """)
    void aValueOfAnotherTypeIsRefusedByItsPath(String json, String at, String field, String reason) {
        assertThatThrownBy(() -> bind(json, at == null ? "" : at))
                .isInstanceOfSatisfying(StoreException.InvalidArgument.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"key":"a","ttl_seconds":1.5}  | ttl_seconds
            {"key":"a","max_bytes":"10"}   | max_bytes
            {"key":"a","overwrite":1}      | overwrite
            {"ttl_seconds":60}             | key
            """)
    void aPresignRequestIsStrictToo(String json, String field) {
        assertThatThrownBy(() -> Bodies.bind(Bodies.MAPPER.readTree(json), PresignBody.class, ""))
                .isInstanceOfSatisfying(StoreException.InvalidArgument.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @org.junit.jupiter.api.Test
    void anEventBindsAndNamesItsOwnChecksUnderItsPath() throws Exception {
        EventBody ok = bind("{\"app\":\"a\",\"platform\":\"web\",\"payload\":{\"n\":2,\"x\":[1.5]}}", "");
        assertThat(ok.toNewEvent("").payload()).containsEntry("n", 2L);
        EventBody noPlatform = bind("{\"app\":\"a\"}", "events[3]");
        assertThatThrownBy(() -> noPlatform.toNewEvent("events[3]"))
                .isInstanceOfSatisfying(StoreException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("events[3].platform"));
        assertThat(Bodies.join("events[1]", "[2]")).isEqualTo("events[1][2]");
    }
}

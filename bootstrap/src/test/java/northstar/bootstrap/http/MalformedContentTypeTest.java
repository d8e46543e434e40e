package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A Content-Type whose charset cannot be read is bad input on every route: a 4xx problem, never a 500. */
class MalformedContentTypeTest extends ServiceHarness {
    static Stream<Arguments> types() {
        return Stream.of(Arguments.of("application/json; charset=no-such-charset"),
                Arguments.of("application/json; charset=\"unterminated"),
                Arguments.of("application/json; charset=***"),
                Arguments.of("application/json; charset=utf-8; charset=latin1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void isRefusedWithAProblemOnJsonObjectMediaAndPresignedRoutes(String type) {
        String url = http.post("/v1/objects/presign").key(ACME).json(Map.of("key", "up/a.txt", "content_type",
                "text/plain")).send().json().get("url").asText();
        Http.Response[] answers = {
                http.post("/v1/analytics/events").key(ACME).bytes("{\"app\":\"a\",\"platform\":\"web\"}".getBytes(), type)
                        .send(),
                http.put("/v1/objects/x.txt").key(ACME).bytes("x".getBytes(), type).send(),
                http.post("/v1/media?session_id=s_1&user_id=u_1").key(ACME).bytes("x".getBytes(), type).send(),
                http.put(url).bytes("x".getBytes(), type).send()};
        for (Http.Response r : answers) {
            assertThat(r.status()).as(r.toString()).isBetween(400, 499);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void aJsonBodyMayNameNoCharsetButUtf8() {
        Http.Response latin1 = http.post("/v1/analytics/events").key(ACME).bytes("{\"app\":\"a\",\"platform\":\"web\"}"
                .getBytes(), "application/json; charset=latin1").send();
        Http.Response utf8 = http.post("/v1/analytics/events").key(ACME).bytes("{\"app\":\"a\",\"platform\":\"web\"}"
                .getBytes(), "application/json; charset=UTF-8").send();

        assertThat(latin1.status()).isEqualTo(400);
        assertThat(latin1.json().get("field").asText()).isEqualTo("Content-Type");
        assertThat(utf8.status()).isEqualTo(201);
    }
}

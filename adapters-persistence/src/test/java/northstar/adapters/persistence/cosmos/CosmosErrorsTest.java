package northstar.adapters.persistence.cosmos;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.BridgeInternal;
import com.azure.cosmos.CosmosException;
import java.util.stream.Stream;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.testkit.Translations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Cosmos DB failure is labelled by what it is. The exceptions are made by the SDK's own factory
 * (the one its transport uses for each status), so they are the types the client throws.
 */
class CosmosErrorsTest {
    static CosmosException answered(int status) {
        return BridgeInternal.createCosmosException(status, "status " + status);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(answered(429), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(answered(503), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(500), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(408), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(410), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(449), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(404), ErrorCode.NOT_FOUND, false),
                Arguments.of(answered(409), ErrorCode.ALREADY_EXISTS, false),
                Arguments.of(answered(412), ErrorCode.FAILED_PRECONDITION, false),
                Arguments.of(answered(413), ErrorCode.INVALID_ARGUMENT, false),
                Arguments.of(answered(401), ErrorCode.INTERNAL, false),
                Arguments.of(answered(403), ErrorCode.INTERNAL, false),
                Arguments.of(answered(400), ErrorCode.INTERNAL, false),
                Arguments.of(answered(501), ErrorCode.INTERNAL, false),
                Arguments.of(answered(0), ErrorCode.INTERNAL, false),
                // how the gateway transport reports a connection reset under a request
                Arguments.of(BridgeInternal.createCosmosException("https://127.0.0.1/dbs/d", 0,
                        new java.io.IOException("recvAddress(..) failed: Connection reset by peer")),
                        ErrorCode.UNAVAILABLE, true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void labelsEachFailureByWhatItIs(CosmosException failure, ErrorCode code, boolean retryable) {
        Translations.assertLabelled(CosmosErrors.translate("op", failure), failure, "cosmos", code, retryable);
    }
}

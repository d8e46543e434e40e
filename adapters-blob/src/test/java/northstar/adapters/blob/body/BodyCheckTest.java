package northstar.adapters.blob.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.PutOptions;
import org.junit.jupiter.api.Test;

/** The first buffer of a put: sized by what arrives, bounded by the declared length, and whether the body ended in it. */
class BodyCheckTest {
    static final int MIB = 1024 * 1024;

    static BodyCheck check(long declared) {
        return new BodyCheck(new PutOptions("application/octet-stream", declared, null), "test");
    }

    static InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    @Test
    void aBodyOfExactlyTheDeclaredMaximumIsKnownWholeInOneBufferOfItsSize() {
        BodyCheck.Filled f = check(MIB).fill(bytes(MIB), MIB);

        assertThat(f.ended()).isTrue();
        assertThat(f.length()).isEqualTo(MIB);
        assertThat(f.bytes()).hasSize(MIB);
    }

    @Test
    void aDeclaredLengthBelowTheMaximumBoundsTheBuffer() {
        BodyCheck.Filled f = check(300_000).fill(bytes(300_000), 8 * MIB);

        assertThat(f.ended()).isTrue();
        assertThat(f.length()).isEqualTo(300_000);
        assertThat(f.bytes()).hasSize(300_000);
    }

    @Test
    void withoutADeclaredLengthAFullBufferMayHaveMoreToCome() {
        BodyCheck.Filled f = check(-1).fill(bytes(MIB), MIB);

        assertThat(f.ended()).isFalse();
        assertThat(f.length()).isEqualTo(MIB);
    }

    @Test
    void aBodyDeclaredLargerThanTheMaximumFillsItAndGoesOn() {
        BodyCheck.Filled f = check(3L * MIB).fill(bytes(3 * MIB), MIB);

        assertThat(f.ended()).isFalse();
        assertThat(f.length()).isEqualTo(MIB);
    }

    @Test
    void aBodyLongerThanItsDeclaredLengthIsRefusedWhenItPassesIt() {
        assertThatThrownBy(() -> check(MIB).fill(bytes(MIB + 1), 4 * MIB))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("longer than its content length");
    }

    @Test
    void aBodyThatDeclaresMuchAndSendsLittleHoldsNoMoreThanFourTimesWhatItSent() {
        BodyCheck.Filled f = check(64L * MIB).fill(bytes(100_000), 64 * MIB);

        assertThat(f.ended()).isTrue();
        assertThat(f.length()).isEqualTo(100_000);
        assertThat(f.bytes().length).isLessThanOrEqualTo(4 * BodyCheck.FIRST_FILL).isLessThan(MIB);
    }

    @Test
    void anEmptyBodyOfDeclaredLengthZeroEnds() {
        BodyCheck.Filled f = check(0).fill(new SequenceInputStream(bytes(0), bytes(0)), MIB);

        assertThat(f.ended()).isTrue();
        assertThat(f.length()).isZero();
    }

    @Test
    void aPooledBufferServesTheNextPutOnceItsPutIsDone() {
        BlockBuffers pool = new BlockBuffers(MIB, 2);
        byte[] first;
        try (BodyCheck.Filled f = check(MIB).fill(bytes(MIB), MIB, pool)) {
            assertThat(f.pooled()).isTrue();
            assertThat(f.ended()).isTrue();
            assertThat(f.length()).isEqualTo(MIB);
            first = f.bytes();
            f.done(null);
        }
        assertThat(pool.free()).isEqualTo(1);

        try (BodyCheck.Filled f = check(-1).fill(bytes(300_000), MIB, pool)) {
            assertThat(f.bytes()).isSameAs(first);
            assertThat(f.length()).isEqualTo(300_000);
            assertThat(f.ended()).isTrue();
            f.done(null);
        }
        assertThat(pool.made()).isEqualTo(1);
    }

    @Test
    void aBufferWhosePutFailedIsNeverReusedAndItsPlaceIsMadeAnew() {
        BlockBuffers pool = new BlockBuffers(MIB, 1);
        byte[] lost;
        try (BodyCheck.Filled f = check(MIB).fill(bytes(MIB), MIB, pool)) {
            lost = f.bytes(); // a request that timed out may still read it: not done
        }
        assertThat(pool.made()).isZero();
        assertThat(pool.free()).isZero();

        try (BodyCheck.Filled f = check(MIB).fill(bytes(MIB), MIB, pool)) {
            assertThat(f.pooled()).isTrue();
            assertThat(f.bytes()).isNotSameAs(lost);
            f.done(null);
        }
        assertThat(pool.made()).isEqualTo(1);
    }

    @Test
    void aSmallBodyLeavesThePoolToLargeOnes() {
        BlockBuffers pool = new BlockBuffers(MIB, 2);
        try (BodyCheck.Filled f = check(1000).fill(bytes(1000), MIB, pool)) {
            assertThat(f.pooled()).isFalse();
            assertThat(f.bytes()).hasSize(1000);
        }
        assertThat(pool.made()).isZero();
    }

    @Test
    void whenEveryPooledBufferIsInUseAPutGrowsItsOwn() {
        BlockBuffers pool = new BlockBuffers(MIB, 1);
        try (BodyCheck.Filled held = check(-1).fill(bytes(MIB), MIB, pool);
             BodyCheck.Filled f = check(64L * MIB).fill(bytes(100_000), MIB, pool)) {
            assertThat(held.pooled()).isTrue();
            assertThat(f.pooled()).isFalse();
            assertThat(f.bytes().length).isLessThanOrEqualTo(4 * BodyCheck.FIRST_FILL);
            held.done(null);
            f.done(null);
        }
        assertThat(pool.made()).isEqualTo(1);
        assertThat(pool.free()).isEqualTo(1);
    }

    @Test
    void aBodyRefusedWhileFillingAPooledBufferGivesItBack() {
        BlockBuffers pool = new BlockBuffers(MIB, 1);
        assertThatThrownBy(() -> check(200_000).fill(bytes(200_001), MIB, pool))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

        assertThat(pool.made()).isEqualTo(1);
        assertThat(pool.free()).isEqualTo(1);
    }
}

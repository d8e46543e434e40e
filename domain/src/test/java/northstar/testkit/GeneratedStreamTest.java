package northstar.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The generator gives the same bytes for a seed and length whatever the reads, and exactly length of them. */
class GeneratedStreamTest {
    static String digest(InputStream in, int buffer) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[buffer];
        long total = 0;
        for (int n; (n = in.read(buf, 0, buffer)) >= 0; ) {
            md.update(buf, 0, n);
            total += n;
        }
        assertThat(total).isEqualTo(100_003);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void theBytesDependOnSeedAndLengthOnly() throws Exception {
        String whole = GeneratedStream.sha256Of(7, 100_003);
        for (int buffer : new int[] {1, 3, 7, 8, 9, 4096, 65_536}) {
            assertThat(digest(new GeneratedStream(7, 100_003), buffer)).as("buffer " + buffer).isEqualTo(whole);
        }
        assertThat(GeneratedStream.sha256Of(8, 100_003)).isNotEqualTo(whole);
        try (InputStream one = new GeneratedStream(7, 2)) {
            assertThat(one.read()).isBetween(0, 255);
            assertThat(one.read()).isBetween(0, 255);
            assertThat(one.read()).isEqualTo(-1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

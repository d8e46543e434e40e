package northstar.adapters.persistence.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollup log on real files: what a process left open comes back to the next one, and nothing else. */
class FileRollupLogTest {
    @TempDir
    Path dir;

    @Test
    void theMarksOfGenerationsLeftOpenComeBackAndClosedOnesDoNot() throws IOException {
        Path file = dir.resolve("rollups.log");
        FileRollupLog first = FileRollupLog.open(file);
        long g1 = first.begin();
        long g2 = first.begin();
        first.mark(g1, "acme", Set.of("h/2026-12-01/03", "d/2026-12/01"));
        first.mark(g2, "acme", Set.of("h/2026-12-01/04"));
        first.mark(g2, "globex", Set.of("h/2026-12-01/04"));
        first.close(g1);
        // the process dies here: no close of the log

        FileRollupLog second = FileRollupLog.open(file);
        assertThat(second.unrepaired()).isEqualTo(Map.of("acme", Set.of("h/2026-12-01/04"), "globex",
                Set.of("h/2026-12-01/04")));
        assertThat(second.begin()).isGreaterThan(g2);
        second.repaired();
        assertThat(second.unrepaired()).isEmpty();
        second.close();

        FileRollupLog third = FileRollupLog.open(file);
        assertThat(third.unrepaired()).isEmpty();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .as("the owner's alone").isEqualTo("rw-------");
        third.close();
    }

    @Test
    void aTornLastLineIsIgnored() throws IOException {
        Path file = dir.resolve("rollups.log");
        FileRollupLog log = FileRollupLog.open(file);
        long g = log.begin();
        log.mark(g, "acme", Set.of("h/2026-12-01/03"));
        Files.writeString(file, "c " + g, StandardCharsets.US_ASCII, StandardOpenOption.APPEND); // no newline: torn

        FileRollupLog next = FileRollupLog.open(file);
        assertThat(next.unrepaired()).isEqualTo(Map.of("acme", Set.of("h/2026-12-01/03")));
        next.close();
    }

    @Test
    void closedGenerationsTakeNoRoomOnceCompacted() throws IOException {
        Path file = dir.resolve("rollups.log");
        FileRollupLog log = FileRollupLog.open(file);
        long open = log.begin();
        log.mark(open, "acme", Set.of("h/2026-12-01/00"));
        long lines = FileRollupLog.COMPACT_BYTES / 40 + 1000;
        for (long i = 0; i < lines; i++) {
            long g = log.begin();
            log.mark(g, "acme", Set.of("h/2026-12-01/01"));
            log.close(g);
        }
        assertThat(Files.size(file)).isLessThan(FileRollupLog.COMPACT_BYTES);
        assertThat(Files.readString(file)).contains("m " + open + " acme h/2026-12-01/00");
        log.close();
    }
}

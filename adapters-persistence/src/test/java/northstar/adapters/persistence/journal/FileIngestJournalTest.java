package northstar.adapters.persistence.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import northstar.domain.ErrorCode;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.IngestJournal;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import northstar.domain.analytics.Utm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file journal on a real directory: durable appends, order, acknowledgements, bounds and recovery. */
class FileIngestJournalTest {
    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    static RequestContext ctx(String tenant) {
        return new RequestContext(tenant, Mode.SAAS, "prod", "proj-1", "user-1", "req-1");
    }

    static AcceptedEvent event(String tenant, String id, String payload) {
        Instant t = Instant.parse("2026-11-30T10:00:00.123456Z");
        return new AcceptedEvent(new AnalyticsRecord(id, tenant, Mode.SAAS, "proj-1",
                new Dimensions("app", "chat", Platform.WEB, "s-1", null, "run-1", "step_2"),
                new Utm("google", "cpc", "spring", null, null), Map.of("text", payload, "n", 3L),
                new UsageReport("openai", "tokens", 12.5), EventStatus.ERROR, "it failed", t, t), true);
    }

    @Test
    void entriesComeBackInOrderAndWholeAfterAReopen() {
        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            j.append(ctx("acme"), List.of(event("acme", "a-1", "x"), event("acme", "a-2", "y")));
            j.append(ctx("globex"), List.of(event("globex", "b-1", "z")));
        }
        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            List<IngestJournal.Entry> entries = j.oldest(10);

            assertThat(entries).extracting(e -> e.context().tenantId()).containsExactly("acme", "globex");
            assertThat(entries.getFirst().events()).containsExactly(event("acme", "a-1", "x"), event("acme", "a-2", "y"));
            assertThat(entries.getFirst().context()).isEqualTo(ctx("acme"));
            assertThat(j.pending("acme", "a-2")).contains(event("acme", "a-2", "y"));
            assertThat(j.pending("globex", "a-2")).isEmpty();
            assertThat(j.holds("acme")).isTrue();
        }
    }

    @Test
    void anAcknowledgedEntryIsNotReturnedAgainEvenAfterAReopen() {
        long first;
        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            first = j.append(ctx("acme"), List.of(event("acme", "a-1", "x"))).sequence();
            j.append(ctx("acme"), List.of(event("acme", "a-2", "x")));
            j.acknowledge(first);
            assertThat(j.oldest(10)).extracting(e -> e.events().getFirst().record().analyticsId()).containsExactly("a-2");
        }
        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            assertThat(j.oldest(10)).extracting(e -> e.events().getFirst().record().analyticsId()).containsExactly("a-2");
            assertThat(j.pending("acme", "a-1")).isEmpty();
            assertThat(j.oldest(10).getFirst().sequence()).isGreaterThan(first);
        }
    }

    @Test
    void aTornLastFrameIsCutOffAndEverythingBeforeItKept() throws IOException {
        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            j.append(ctx("acme"), List.of(event("acme", "a-1", "x")));
            j.append(ctx("acme"), List.of(event("acme", "a-2", "x")));
        }
        Path segment = segments().getLast();
        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7); // the crash came in the middle of writing the second entry
        }

        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            assertThat(j.oldest(10)).extracting(e -> e.events().getFirst().record().analyticsId()).containsExactly("a-1");
            j.append(ctx("acme"), List.of(event("acme", "a-3", "x")));
        }
        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            assertThat(j.oldest(10)).extracting(e -> e.events().getFirst().record().analyticsId())
                    .containsExactly("a-1", "a-3");
        }
    }

    @Test
    void aDamagedFrameIsNeverReadAsData() throws IOException {
        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            j.append(ctx("acme"), List.of(event("acme", "a-1", "x")));
            j.append(ctx("acme"), List.of(event("acme", "a-2", "secret")));
        }
        Path segment = segments().getLast();
        byte[] bytes = Files.readAllBytes(segment);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("secret");
        bytes[at] = 'S'; // a flipped byte inside the last entry's body
        Files.write(segment, bytes);

        try (FileIngestJournal j = FileIngestJournal.open(dir, 10 * MIB)) {
            assertThat(j.oldest(10)).extracting(e -> e.events().getFirst().record().analyticsId()).containsExactly("a-1");
        }
    }

    @Test
    void anAppendPastTheBoundIsRefusedRetryablyAndWritesNothing() {
        String big = "x".repeat(300 * 1024);
        try (FileIngestJournal j = FileIngestJournal.open(dir, MIB)) {
            j.append(ctx("acme"), List.of(event("acme", "a-1", big)));
            j.append(ctx("acme"), List.of(event("acme", "a-2", big)));
            j.append(ctx("acme"), List.of(event("acme", "a-3", big)));
            long before = j.bytes();

            assertThatThrownBy(() -> j.append(ctx("acme"), List.of(event("acme", "a-4", big))))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
                        assertThat(e.retryable()).isTrue();
                    });
            assertThat(j.bytes()).isEqualTo(before).isLessThanOrEqualTo(MIB);
            assertThat(j.size()).isEqualTo(3);

            j.acknowledge(j.oldest(1).getFirst().sequence());
            j.acknowledge(j.oldest(1).getFirst().sequence());
            j.acknowledge(j.oldest(1).getFirst().sequence());
            // all delivered: the space is given back
            j.append(ctx("acme"), List.of(event("acme", "a-4", big)));
            assertThat(j.size()).isEqualTo(1);
        }
    }

    @Test
    void segmentsWhoseEntriesAreAllDeliveredAreDeleted() throws IOException {
        String big = "y".repeat(1024 * 1024);
        try (FileIngestJournal j = FileIngestJournal.open(dir, 1024 * MIB)) {
            for (int i = 0; i < 70; i++) { // past one 64 MiB segment
                j.append(ctx("acme"), List.of(event("acme", "a-" + i, big)));
            }
            assertThat(segments()).hasSizeGreaterThan(1);
            while (j.size() > 0) {
                j.acknowledge(j.oldest(1).getFirst().sequence());
            }
            assertThat(segments()).hasSize(1);
            assertThat(j.bytes()).isLessThan(FileIngestJournal.SEGMENT_BYTES);
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }
}

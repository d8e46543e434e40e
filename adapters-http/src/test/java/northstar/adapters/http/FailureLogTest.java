package northstar.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import northstar.domain.StoreException;
import org.junit.jupiter.api.Test;

/** A failing backend logs one line per failed request, and its stack trace at most once a minute. */
class FailureLogTest {
    record Line(String message, Throwable thrown) {
    }

    /** A logger that keeps what it is given. */
    static final class Captured implements System.Logger {
        final List<Line> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "captured";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(new Line(msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(new Line(format, null));
        }
    }

    static StoreException refused(String backend) {
        return StoreException.unavailable(backend, "get item: " + backend + " unreachable",
                new IllegalStateException("wrapper", new java.net.ConnectException("Connection refused\nsecond line")));
    }

    @Test
    void aBackendThatFailsEveryRequestLogsOneLineEachAndOneStackTraceAMinute() {
        Captured log = new Captured();
        AtomicLong now = new AtomicLong();
        FailureLog failures = new FailureLog(log, now::get);

        for (int i = 0; i < 1000; i++) {
            failures.failed("req-" + i, refused("dynamodb"));
            now.addAndGet(10_000_000L); // 10 ms apart: 10 s in all
        }
        failures.failed("req-other", refused("cosmos"));
        now.addAndGet(FailureLog.TRACE_INTERVAL_NANOS);
        failures.failed("req-later", refused("dynamodb"));

        assertThat(log.lines).hasSize(1002);
        assertThat(log.lines.stream().filter(l -> l.thrown() != null)).hasSize(3); // dynamodb, cosmos, dynamodb a minute on
        assertThat(log.lines.getFirst().message()).isEqualTo("request req-0 failed: UNAVAILABLE from dynamodb (retryable): "
                + "get item: dynamodb unreachable [cause: java.net.ConnectException: Connection refused]");
        assertThat(log.lines).allSatisfy(l -> assertThat(l.message()).doesNotContain("\n"));
    }
}

package northstar.bootstrap.logging;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The service's log lines, one per event on stderr, for every logger of the process (ours through
 * System.Logger, Javalin's and Jetty's through SLF4J): text by default
 * ({@code 2026-03-01T10:00:00.000Z INFO Service - listening}), or one JSON object per line with
 * {@code log_format: "json"} (timestamp, level, logger, message, the event's own fields such as
 * request_id, tenant, route, status and duration_ms, and trace_id/span_id while a span is current).
 * Our loggers log at INFO; Jetty and Javalin at WARN.
 */
public final class LogLines implements SLF4JServiceProvider {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);
    private static volatile boolean json;
    private static volatile PrintStream out = System.err;

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, Line::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** Switches every logger of the process to JSON lines (or back to text). */
    public static void json(boolean on) {
        json = on;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to read: the format is the config file's, set by bootstrap
    }

    /** One logger: its threshold from its name, its lines written whole. */
    private static final class Line extends LegacyAbstractLogger implements LoggingEventAware {
        private final String shortName;
        private final int threshold;

        Line(String name) {
            this.name = name;
            this.shortName = name.substring(name.lastIndexOf('.') + 1);
            this.threshold = name.startsWith("org.eclipse.jetty") || name.startsWith("io.javalin") ? Level.WARN.toInt()
                    : Level.INFO.toInt();
        }

        private boolean on(Level level) {
            return level.toInt() >= threshold;
        }

        @Override
        public boolean isTraceEnabled() {
            return on(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return on(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return on(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return on(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return on(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            write(level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable, List.of(),
                    System.currentTimeMillis());
        }

        @Override
        public void log(LoggingEvent event) {
            if (!on(event.getLevel())) {
                return;
            }
            List<KeyValuePair> fields = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
            write(event.getLevel(), MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray()),
                    event.getThrowable(), fields, event.getTimeStamp() > 0 ? event.getTimeStamp() : System.currentTimeMillis());
        }

        private void write(Level level, String message, Throwable throwable, List<KeyValuePair> fields, long millis) {
            String time = TIME.format(Instant.ofEpochMilli(millis));
            String line;
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("timestamp", time);
                o.put("level", level.name());
                o.put("logger", name);
                o.put("message", message);
                for (KeyValuePair f : fields) {
                    o.put(f.key, f.value);
                }
                io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.Span.current().getSpanContext();
                if (span.isValid()) {
                    o.put("trace_id", span.getTraceId());
                    o.put("span_id", span.getSpanId());
                }
                if (throwable != null) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    throwable.printStackTrace(new java.io.PrintWriter(trace));
                    o.put("error", trace.toString());
                }
                line = JsonLine.of(o);
            } else {
                line = time + " " + level.name() + " " + shortName + " - " + message;
            }
            PrintStream target = out;
            synchronized (target) {
                target.println(line);
                if (throwable != null && !json) {
                    throwable.printStackTrace(target);
                }
                target.flush();
            }
        }
    }
}

package northstar.application;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Background work done again and again on a daemon thread of its own: a pass, then a pause, until
 * closed. A pass that fails is logged and the next one comes at its time. Closing interrupts the
 * pause (a pass under way finishes or gives up by itself) and waits for the thread a while.
 */
public final class Periodic implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Periodic.class.getName());

    private final Thread thread;
    private volatile boolean running = true;

    private Periodic(String name, Duration every, Runnable pass) {
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            while (running) {
                try {
                    pass.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, name + ": a pass failed: " + e);
                }
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Starts passes every so often, the first one now. */
    public static Periodic every(String name, Duration every, Runnable pass) {
        Periodic p = new Periodic(name, every, pass);
        p.thread.start();
        return p;
    }

    /** Stops the passes, waiting up to this long for one under way. */
    public void close(Duration wait) {
        running = false;
        thread.interrupt();
        try {
            thread.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}

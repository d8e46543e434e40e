package northstar.testkit.servers;

/** A backend a fault test can hang and resume: a local server (SIGSTOP) or a proxy in front of one. */
public interface Freezable {
    /** From now on nothing is answered (connections may still be accepted), until {@link #thaw}. */
    void freeze();

    void thaw();
}

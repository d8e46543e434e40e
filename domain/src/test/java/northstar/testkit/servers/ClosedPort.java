package northstar.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port nothing listens on: connections to it are refused at once. */
public final class ClosedPort {
    private ClosedPort() {
    }

    public static int any() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String httpEndpoint() {
        return "http://127.0.0.1:" + any();
    }
}

package northstar.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** The fault tests' proxy passes bytes both ways, holds them while frozen, lets them flow when thawed. */
class TcpProxyTest {
    /** An echo server on a free loopback port, one connection. */
    static ServerSocket echo() throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // the test is over
            }
        });
        return server;
    }

    @Test
    void bytesPassUntilFrozenAndFlowOnWhenThawed() throws Exception {
        try (ServerSocket server = echo(); TcpProxy proxy = new TcpProxy("127.0.0.1", server.getLocalPort());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setSoTimeout(300);
            client.getOutputStream().write('a');
            assertThat(client.getInputStream().read()).isEqualTo('a');

            proxy.freeze();
            client.getOutputStream().write('b');
            int during;
            try {
                during = client.getInputStream().read();
            } catch (SocketTimeoutException held) {
                during = -2;
            }
            assertThat(during).as("nothing passes while frozen").isEqualTo(-2);

            proxy.thaw();
            client.setSoTimeout(5000);
            assertThat(client.getInputStream().read()).as("the held byte flows on").isEqualTo('b');
            assertThat(proxy.hostPort()).isEqualTo("127.0.0.1:" + proxy.port());
        }
    }

    @Test
    void aClosedPortRefusesConnections() {
        int port = ClosedPort.any();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(IOException.class);
    }
}

package northstar.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * nginx from Debian's package serving a directory over loopback with sendfile on: the physical limit
 * of an HTTP GET of a file on this machine. It runs in the foreground with a configuration it writes
 * itself under its own directory, on a free port, and stops with the benchmark. sendfile_max_chunk 0
 * lets one sendfile call run as far as the socket takes: with the default (2m, a return to the event
 * loop between chunks) a 1 GiB GET took 1.0-1.4 s here against 0.45-0.6 s; tcp_nopush stays off:
 * on loopback it held the same GET at 0.81-0.87 s against 0.46-0.54 s without it. The baseline must
 * be the fastest this nginx does.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx serve(Path root, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work.resolve("tmp"));
        int port = BenchSuite.freePort();
        String w = work.toAbsolutePath().toString();
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                master_process off;
                worker_processes 1;
                error_log %1$s/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 64; }
                http {
                  access_log off;
                  sendfile on;
                  sendfile_max_chunk 0;
                  tcp_nopush off;
                  default_type application/octet-stream;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %3$s;
                  }
                }
                """.formatted(w, port, root.toAbsolutePath()));
        Process p = new ProcessBuilder("nginx", "-p", w, "-c", conf.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new Nginx(p, port);
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > until) {
                    p.destroyForcibly();
                    throw new IllegalStateException("nginx did not start: " + Files.readString(work.resolve("nginx.out")));
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

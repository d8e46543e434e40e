package northstar.bootstrap;

import java.io.PrintStream;
import java.nio.file.Path;
import northstar.bootstrap.config.ConfigException;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.config.LabDefaults;
import northstar.bootstrap.config.ServiceConfig;
import northstar.domain.routing.RouteConfigurationException;

/**
 * {@code northstar [config.json]}: runs the service. Without a file it runs the built-in lab default
 * (SQLite and files under ./data) and prints the API key it made at first start. A configuration
 * that cannot serve stops it before it listens, with exit code 2 and a message naming the field.
 */
public final class Main {
    static final int BAD_CONFIGURATION = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 || args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            err.println("usage: northstar [config.json]");
            return args.length == 1 ? 0 : BAD_CONFIGURATION;
        }
        Service service;
        try {
            ServiceConfig config;
            if (args.length == 1) {
                config = ConfigFile.read(Path.of(args[0]));
            } else {
                LabDefaults.Loaded lab = LabDefaults.load(Path.of("data"));
                lab.newApiKey().ifPresent(key -> {
                    out.println("Lab API key (shown once; only its SHA-256 is kept in data/api-keys.json):");
                    out.println("  " + key);
                });
                config = lab.config();
            }
            service = Service.start(config);
            out.println("Northstar Stores listening on http://" + config.host() + ":" + service.port()
                    + " (env " + config.env() + ", data " + config.dataDir() + ")");
        } catch (ConfigException | RouteConfigurationException e) {
            err.println("northstar: configuration refused: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "northstar-shutdown"));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

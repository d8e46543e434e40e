package northstar.bootstrap;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import northstar.bootstrap.config.ConfigException;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.config.LabDefaults;
import northstar.bootstrap.config.ServiceConfig;
import northstar.domain.routing.RouteConfigurationException;

/**
 * The {@code northstar} command line. {@code serve} (the default) runs the service: without a file
 * on the built-in lab default (SQLite and files under ./data), printing the API key it made at
 * first start. The operators' commands ({@code keys}, {@code config check}, {@code tables create},
 * {@code export}) live in {@link Commands}. A configuration that cannot serve stops the process
 * before it listens, with exit code 2 and a message naming the field; so does an address in use.
 */
public final class Main {
    static final int BAD_CONFIGURATION = 2;
    static final String USAGE = """
            usage: northstar [command] [arguments]
              serve [CONFIG] [--listen HOST:PORT]   run the service (the default command); without CONFIG,
                                                     the lab default under ./data
              keys new --lab [--data DIR]           a new lab API key in place of a lost one (printed once)
              keys new --tenant T [--admin] [--name N] [--projects P1,P2]
                                                     a new API key (printed once) and its config entry
              config check CONFIG                   the startup validation, without starting
              tables create CONFIG                  create the tables, containers and buckets CONFIG names
              export --config CONFIG --tenant T --from TIME --to TIME [--project P|*] [--format jsonl|csv]
                                                     a tenant's events in [from, to), in order, to stdout
              rollups rebuild --config CONFIG --tenant T --from TIME --to TIME
                                                     recount the report counters of the hours and days
                                                     [from, to) touches from the stored events
              help                                  this text""";

    private Main() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != Commands.SERVING) {
            System.exit(exit);
        }
        try {
            Thread.currentThread().join(); // the service runs until the process is stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a command; {@link Commands#SERVING} when the service now runs until the process stops. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = List.of(args);
        // no command word (nothing, an option, or a config file as before commands existed): serve
        boolean implicit = a.isEmpty() || a.getFirst().startsWith("-") || a.getFirst().endsWith(".json");
        String command = implicit ? "serve" : a.getFirst();
        List<String> rest = implicit ? a : a.subList(1, a.size());
        try {
            return switch (command) {
                case "serve" -> serve(rest, out, err);
                case "keys" -> Commands.keys(rest, out);
                case "config" -> Commands.configCheck(rest, out);
                case "tables" -> Commands.tablesCreate(rest, out);
                case "export" -> Commands.export(rest, out, err);
                case "rollups" -> Commands.rollupsRebuild(rest, out);
                case "help", "-h", "--help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new Commands.UsageException("unknown command " + command);
            };
        } catch (Commands.UsageException e) {
            err.println("northstar: " + e.getMessage());
            err.println(USAGE);
            return BAD_CONFIGURATION;
        } catch (ConfigException | RouteConfigurationException e) {
            err.println("northstar: configuration refused: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
    }

    private static int serve(List<String> args, PrintStream out, PrintStream err) {
        Commands.Args a = Commands.Args.of(args, java.util.Set.of("--listen"), java.util.Set.of(), 1);
        if (a.has("-h") || a.has("--help")) {
            out.println(USAGE);
            return 0;
        }
        String listen = a.value("--listen");
        String[] hostPort = listen == null ? null : ConfigFile.listen(listen, "--listen");
        ServiceConfig config;
        if (a.positional().isEmpty()) {
            LabDefaults.Loaded lab = LabDefaults.load(Path.of("data"));
            lab.newApiKey().ifPresent(key -> {
                out.println("Lab API key (shown once; only its SHA-256 is kept in data/api-keys.json;"
                        + " lost it? northstar keys new --lab):");
                out.println("  " + key);
            });
            config = lab.config();
        } else {
            config = ConfigFile.read(Path.of(a.positional().getFirst()));
        }
        if (hostPort != null) {
            config = config.listeningOn(hostPort[0], Integer.parseInt(hostPort[1]));
        }
        Service service;
        try {
            service = Service.start(config);
        } catch (RuntimeException e) {
            if (Commands.isAddressInUse(e)) {
                err.println("northstar: " + config.host() + ":" + config.port() + " is in use: stop what listens there,"
                        + " or choose another address with --listen HOST:PORT (or \"listen\" in the config file)");
                return BAD_CONFIGURATION;
            }
            throw e;
        }
        out.println("Northstar Stores listening on http://" + config.host() + ":" + service.port()
                + " (env " + config.env() + ", data " + config.dataDir() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "northstar-shutdown"));
        return Commands.SERVING;
    }
}

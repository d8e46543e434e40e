package northstar.bootstrap;

import java.lang.System.Logger.Level;
import java.time.Clock;
import northstar.adapters.http.HttpApi;
import northstar.bootstrap.config.ServiceConfig;

/** The HTTP service: Northstar opened from the configuration, and the API over it. */
public final class Service implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Service.class.getName());

    private final Northstar northstar;
    private final HttpApi api;

    private Service(Northstar northstar, HttpApi api) {
        this.northstar = northstar;
        this.api = api;
    }

    /** Validates everything, builds the backends, then listens. Nothing listens if anything is wrong. */
    public static Service start(ServiceConfig config) {
        Northstar northstar = Northstar.open(config, Clock.systemUTC());
        try {
            ConfiguredApiKeys keys = new ConfiguredApiKeys(config);
            HttpApi api = HttpApi.create(northstar.useCases(), northstar.router(), keys,
                    new FilesystemPresignedUploads(northstar.router(), keys),
                    new HttpApi.Settings(config.host(), config.port(), config.maxJsonBodyBytes(), config.stopTimeout(),
                            config.requestDeadline(), config.limits()));
            return new Service(northstar, api.start());
        } catch (RuntimeException e) {
            northstar.close();
            throw e;
        }
    }

    public int port() {
        return api.port();
    }

    /** The routes the server serves, as "METHOD path" (what the OpenAPI document must describe). */
    public java.util.List<String> servedRoutes() {
        return api.servedRoutes();
    }

    /** Stops accepting, finishes requests in flight, then closes the backends. */
    @Override
    public void close() {
        try {
            api.close();
        } finally {
            northstar.close();
            LOG.log(Level.INFO, "stopped");
        }
    }
}

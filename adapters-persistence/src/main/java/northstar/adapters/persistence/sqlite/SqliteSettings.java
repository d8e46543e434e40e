package northstar.adapters.persistence.sqlite;

import java.nio.file.Path;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteSettings;

/** What a {@code sqlite} route's config says: the database file ({@code path}), nothing else. */
public record SqliteSettings(Path path) {
    public static SqliteSettings parse(Route route) {
        RouteSettings s = RouteSettings.of(route);
        SqliteSettings settings;
        try {
            settings = new SqliteSettings(Path.of(s.text("path")).toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            throw new northstar.domain.routing.RouteConfigurationException(route.describe() + ": config.path is not a path");
        }
        s.done();
        return settings;
    }
}

/** Use cases of Northstar Stores. Depends on the domain only: no SDK, no Javalin, no Jackson, no JDBC. */
module northstar.application {
    requires transitive northstar.domain;

    exports northstar.application;
    exports northstar.application.routing;
    exports northstar.application.analytics;
    exports northstar.application.attribution;
    exports northstar.application.alerts;
    exports northstar.application.budget;
    exports northstar.application.objects;
    exports northstar.application.media;
    exports northstar.application.insight;
}

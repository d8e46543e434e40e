/** The HTTP API over the use cases: Javalin routes, handlers, JSON, and the mapping of errors to problems. */
module northstar.adapters.http {
    requires transitive northstar.application;
    requires io.javalin;
    requires com.fasterxml.jackson.databind;
    requires micrometer.core;
    requires org.slf4j;
    requires swagger.ui;
    requires java.net.http;

    exports northstar.adapters.http;
    // the API's request and answer records (a client may use them too), bound by Jackson
    exports northstar.adapters.http.wire;
    opens northstar.adapters.http.wire to com.fasterxml.jackson.databind;
    // the outbound side: budget alerts posted to the tenants' webhooks
    exports northstar.adapters.http.webhooks;
}

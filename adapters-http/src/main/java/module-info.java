/** The HTTP API over the use cases: Javalin routes, handlers, JSON, and the mapping of errors to problems. */
module northstar.adapters.http {
    requires transitive northstar.application;
    requires io.javalin;
    requires com.fasterxml.jackson.databind;
    requires micrometer.core;

    exports northstar.adapters.http;
}

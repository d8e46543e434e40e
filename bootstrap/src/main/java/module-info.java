/** Reads the configuration and wires routes, adapters, use cases and the server: the only module that wires. */
module northstar.bootstrap {
    // an embedder requires northstar.bootstrap alone: the use cases and the domain come with it
    requires transitive northstar.application;
    requires northstar.adapters.persistence;
    requires northstar.adapters.blob;
    requires northstar.adapters.http;
    requires com.fasterxml.jackson.databind;
    requires com.azure.identity;
    requires com.google.auth.oauth2;
    requires software.amazon.awssdk.auth;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires jdk.httpserver;
    requires org.slf4j;

    // every logger of the process writes through LogLines (text, or JSON lines with log_format json)
    provides org.slf4j.spi.SLF4JServiceProvider with northstar.bootstrap.logging.LogLines;

    exports northstar.bootstrap;
    exports northstar.bootstrap.config;
    // the configuration file's records, bound by Jackson
    opens northstar.bootstrap.config to com.fasterxml.jackson.databind;
}

/** Reads the configuration and wires routes, adapters, use cases and the server: the only module that wires. */
module northstar.bootstrap {
    requires northstar.application;
    requires northstar.adapters.persistence;
    requires northstar.adapters.blob;
    requires northstar.adapters.http;
    requires com.fasterxml.jackson.databind;
    requires com.azure.identity;
    requires com.google.auth.oauth2;

    exports northstar.bootstrap;
    exports northstar.bootstrap.config;
}

/** The HTTP API over the use cases. */
module northstar.adapters.http {
    requires transitive northstar.application;

    exports northstar.adapters.http;
}

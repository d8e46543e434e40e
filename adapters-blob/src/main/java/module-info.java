/**
 * ObjectStore adapters, one package per backend; backends never import each other.
 * Implementations are exported to bootstrap only, which alone wires them.
 */
module northstar.adapters.blob {
    requires transitive northstar.domain;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.retries.api;
    requires software.amazon.awssdk.profiles;
    requires com.azure.storage.blob;
    requires com.azure.storage.common;
    requires com.azure.core;
    requires google.cloud.storage;
    requires gax;
    requires google.cloud.core;
    requires com.google.auth.oauth2;
    requires com.google.auth;

    exports northstar.adapters.blob.filesystem to northstar.bootstrap;
    exports northstar.adapters.blob.s3 to northstar.bootstrap;
    exports northstar.adapters.blob.azure to northstar.bootstrap;
    exports northstar.adapters.blob.gcs to northstar.bootstrap;
}

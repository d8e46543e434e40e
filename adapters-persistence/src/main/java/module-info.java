/**
 * AnalyticsStore and TabularStore adapters, one package per backend. Backends never import each
 * other; what they share (the document form of a record, cursors) lives in the document package.
 * Implementations are exported to bootstrap only, which alone wires them.
 */
module northstar.adapters.persistence {
    requires transitive northstar.domain;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires com.fasterxml.jackson.databind;
    requires software.amazon.awssdk.services.dynamodb;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.retries;
    requires software.amazon.awssdk.retries.api;
    requires software.amazon.awssdk.profiles;
    requires com.azure.cosmos;
    requires google.cloud.firestore;
    requires google.cloud.core;
    requires gax;
    requires io.grpc;
    requires com.google.api.apicommon;
    requires com.google.auth.oauth2;
    requires com.google.auth;

    exports northstar.adapters.persistence.sqlite to northstar.bootstrap;
    exports northstar.adapters.persistence.dynamodb to northstar.bootstrap;
    exports northstar.adapters.persistence.cosmos to northstar.bootstrap;
    exports northstar.adapters.persistence.firestore to northstar.bootstrap;
    exports northstar.adapters.persistence.document to northstar.bootstrap;
    exports northstar.adapters.persistence.journal to northstar.bootstrap;
}

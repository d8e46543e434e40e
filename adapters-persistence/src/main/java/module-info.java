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

    exports northstar.adapters.persistence.sqlite to northstar.bootstrap;
    exports northstar.adapters.persistence.document to northstar.bootstrap;
}

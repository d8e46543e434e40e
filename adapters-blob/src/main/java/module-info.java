/**
 * ObjectStore adapters, one package per backend; backends never import each other.
 * Implementations are exported to bootstrap only, which alone wires them.
 */
module northstar.adapters.blob {
    requires transitive northstar.domain;

    exports northstar.adapters.blob.filesystem to northstar.bootstrap;
}

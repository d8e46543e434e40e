package northstar.testkit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import northstar.domain.objects.PresignOptions;

/**
 * What each backend guarantees, and what the local server its kit runs against lacks: declared here,
 * once. The kits read their part of it (ObjectStoreContract: the presign bindings a backend's
 * adapter reports, and the capabilities of its local server), so a declaration that is false fails a
 * kit; docs/BACKENDS.md is generated from it ({@link #markdown}) and a test holds the file to it.
 */
public final class BackendMatrix {
    /** The backends, in the columns' order. */
    public static final List<String> BACKENDS = List.of("sqlite", "dynamodb", "cosmos", "firestore", "filesystem", "s3",
            "azure_blob", "gcs");

    private static final String NA = "—";

    /** The bindings of presigned PUTs, per object backend: what ObjectStoreContract expects presignBinds() to say. */
    private static final Map<String, Set<PresignOptions.Binding>> PRESIGN_BINDS = Map.of(
            "filesystem", EnumSet.allOf(PresignOptions.Binding.class),
            "s3", EnumSet.of(PresignOptions.Binding.CONTENT_TYPE, PresignOptions.Binding.NO_OVERWRITE),
            "azure_blob", EnumSet.noneOf(PresignOptions.Binding.class),
            "gcs", EnumSet.allOf(PresignOptions.Binding.class));

    /** What the local server of each object backend's kit can do (ObjectStoreContract's capabilities). */
    private static final Map<String, Set<ObjectStoreContract.Capability>> OBJECT_SERVERS = Map.of(
            "filesystem", EnumSet.allOf(ObjectStoreContract.Capability.class),
            "s3", EnumSet.of(ObjectStoreContract.Capability.PUTS_IF_ABSENT),
            "azure_blob", EnumSet.allOf(ObjectStoreContract.Capability.class),
            "gcs", EnumSet.of(ObjectStoreContract.Capability.KEY_ALSO_A_PREFIX));

    private BackendMatrix() {
    }

    /** The bindings the backend's presigned URLs enforce; none for a backend that signs no URL. */
    public static Set<PresignOptions.Binding> presignBinds(String backendType) {
        return PRESIGN_BINDS.getOrDefault(backendType, EnumSet.noneOf(PresignOptions.Binding.class));
    }

    /** What the local server of the backend's kit can do. */
    public static Set<ObjectStoreContract.Capability> localObjectServer(String backendType) {
        return OBJECT_SERVERS.getOrDefault(backendType, EnumSet.allOf(ObjectStoreContract.Capability.class));
    }

    /** One row: a guarantee, and each backend's answer (— where it does not apply). */
    public record Row(String guarantee, Map<String, String> cells) {
    }

    /** Every row of the table, the declared facts and those derived from the kits' declarations. */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(row("Serves", "analytics, tabular", "analytics, tabular", "analytics, tabular", "analytics, tabular",
                "objects", "objects", "objects", "objects"));
        rows.add(row("Modes", "lab only", "all", "all", "all", "lab only", "all", "all", "all"));
        rows.add(row("Conditional writes (put if absent, put at a version)", "yes: one transaction on the writer",
                "yes: ConditionExpression", "yes: create, If-Match on the ETag", "yes: exists / update-time preconditions",
                "put if absent: hard link, no replace", "put if absent: If-None-Match", "put if absent: If-None-Match: *",
                "put if absent: ifGenerationMatch=0"));
        rows.add(row("Atomic increment under a ceiling", "yes: one transaction", "yes: conditional UpdateItem",
                "yes: patch with a filter predicate", "yes: read, write under an update-time precondition, retried", NA,
                NA, NA, NA));
        rows.add(row("One ingest batch", "one transaction (group commit)", "per event: guard item, then range items",
                "per event", "per event (create)", NA, NA, NA, NA));
        rows.add(row("Expiry of events (config.ttl_days)", "no", "no", "yes: item ttl", "yes: expire_at + TTL policy",
                NA, NA, NA, NA));
        rows.add(row("Large objects streamed (memory flat)", NA, NA, NA, NA, "yes: temp file, fsync, rename",
                "yes: multipart upload", "yes: staged blocks, one commit", "yes: resumable upload"));
        for (PresignOptions.Binding b : PresignOptions.Binding.values()) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (String backend : BACKENDS) {
                cells.put(backend, PRESIGN_BINDS.containsKey(backend)
                        ? presignBinds(backend).contains(b) ? "yes" : "no" : NA);
            }
            rows.add(new Row("Presigned PUT binds " + b.name().toLowerCase(java.util.Locale.ROOT), cells));
        }
        rows.add(row("Local server of the tests", "real SQLite", "dynalite 4", "@vercel/cosmosdb-server",
                "Google's Cloud Firestore emulator", "real files", "s3proxy (transient)", "Azurite", "firebase-tools storage emulator"));
        Map<String, String> lacks = new LinkedHashMap<>();
        for (String backend : BACKENDS) {
            Set<ObjectStoreContract.Capability> missing = EnumSet.allOf(ObjectStoreContract.Capability.class);
            missing.removeAll(localObjectServer(backend));
            String declared = missing.stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.joining(", "));
            lacks.put(backend, switch (backend) {
                case "firestore" -> "composite indexes not required (FirestoreIndexesTest)";
                case "gcs" -> declared + "; V4 signed uploads (501)";
                default -> declared.isEmpty() ? "nothing the kit meets" : declared;
            });
        }
        rows.add(new Row("What the local server lacks (kit capability off)", lacks));
        return rows;
    }

    private static Row row(String guarantee, String... cells) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < BACKENDS.size(); i++) {
            m.put(BACKENDS.get(i), cells[i]);
        }
        return new Row(guarantee, m);
    }

    /** docs/BACKENDS.md, as it must read. */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Backends: what each guarantees\n\n");
        b.append("Generated from `northstar.testkit.BackendMatrix` (domain test-jar), which the contract kits read:\n");
        b.append("a presign binding or a local server's capability declared here is what the kit expects of that\n");
        b.append("backend, so this table cannot drift from the tests. `BackendMatrixTest` holds this file to it;\n");
        b.append("to change the table, change the declarations and copy `domain/target/BACKENDS.md` here.\n\n");
        b.append("| | ").append(String.join(" | ", BACKENDS)).append(" |\n");
        b.append("|---|").append("---|".repeat(BACKENDS.size())).append('\n');
        for (Row r : rows()) {
            b.append("| ").append(r.guarantee()).append(" | ");
            b.append(BACKENDS.stream().map(r.cells()::get).collect(Collectors.joining(" | "))).append(" |\n");
        }
        return b.toString();
    }
}

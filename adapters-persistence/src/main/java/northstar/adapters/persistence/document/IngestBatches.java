package northstar.adapters.persistence.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.IngestResult;

/**
 * The bookkeeping of AnalyticsStore.ingest, written once for the backends that create each event on
 * its own: which records are written (the first of each id), and the results in
 * input order, a later record of an id being Existing with the first one's outcome.
 */
public final class IngestBatches {
    private IngestBatches() {
    }

    /** The index of the first record of each (tenant, id), in input order. */
    public static List<Integer> firsts(List<AnalyticsRecord> records) {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            first.putIfAbsent(id(records.get(i)), i);
        }
        return List.copyOf(first.values());
    }

    /** Every record's result, from the results of the firsts (by index). */
    public static List<IngestResult> inOrder(List<AnalyticsRecord> records, Map<Integer, IngestResult> ofFirsts) {
        Map<String, IngestResult> byId = new LinkedHashMap<>();
        ofFirsts.forEach((i, r) -> byId.put(id(records.get(i)), r));
        List<IngestResult> results = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            IngestResult own = ofFirsts.get(i);
            results.add(own != null ? own : new IngestResult.Existing(byId.get(id(records.get(i))).record()));
        }
        return results;
    }

    private static String id(AnalyticsRecord r) {
        return r.tenantId() + "#" + r.analyticsId();
    }
}

package northstar.application.attribution;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.attribution.UtmField;
import northstar.domain.tabular.TabularItem;

/** Contracts as tabular items: table attribution_contracts, key contract:{platform}. */
final class ContractMapping {
    static final String TABLE = "attribution_contracts";

    private ContractMapping() {
    }

    static String key(String platform) {
        return "contract:" + platform;
    }

    static Map<String, Object> toAttributes(AttributionContract c) {
        Map<String, Object> template = new LinkedHashMap<>();
        c.utmTemplate().forEach((f, v) -> template.put(f.fieldName(), v));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contract_id", c.contractId());
        m.put("tenant_id", c.tenantId());
        m.put("platform", c.platform());
        m.put("utm_template", template);
        m.put("allowed_fields", c.allowedFields().stream().map(UtmField::fieldName).toList());
        m.put("version", c.version());
        m.put("created_at", c.createdAt().toString());
        m.put("updated_at", c.updatedAt().toString());
        return m;
    }

    static AttributionContract fromItem(TabularItem item) {
        Map<String, Object> a = item.attributes();
        Map<UtmField, String> template = new EnumMap<>(UtmField.class);
        ((Map<?, ?>) a.get("utm_template")).forEach((k, v) -> template.put(field((String) k), (String) v));
        Set<UtmField> allowed = EnumSet.noneOf(UtmField.class);
        ((List<?>) a.get("allowed_fields")).forEach(f -> allowed.add(field((String) f)));
        return new AttributionContract(item.string("contract_id"), item.string("tenant_id"), item.string("platform"),
                template, allowed, ((Number) a.get("version")).longValue(), Instant.parse(item.string("created_at")),
                Instant.parse(item.string("updated_at")));
    }

    private static UtmField field(String name) {
        return UtmField.parse(name).orElseThrow(() -> new IllegalStateException("stored contract names field " + name));
    }
}

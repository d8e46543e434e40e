package northstar.adapters.http.wire;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import northstar.application.attribution.ValidationReport;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.attribution.UtmField;

/** An attribution contract as the API answers it. */
public record ContractView(String contractId, String tenantId, String platform, Map<String, String> utmTemplate,
                           List<String> allowedFields, long version, String createdAt, String updatedAt) {
    public static ContractView of(AttributionContract c) {
        Map<String, String> template = new TreeMap<>();
        c.utmTemplate().forEach((f, v) -> template.put(f.fieldName(), v));
        return new ContractView(c.contractId(), c.tenantId(), c.platform(), template,
                c.allowedFields().stream().map(UtmField::fieldName).toList(), c.version(), c.createdAt().toString(),
                c.updatedAt().toString());
    }

    /** The answer to a validation: valid, and each violation's field, kind and message. */
    public record Validation(boolean valid, List<Violation> violations) {
        public static Validation of(ValidationReport r) {
            return new Validation(r.valid(), r.violations().stream().map(v -> new Violation(v.field(),
                    v.kind().name().toLowerCase(java.util.Locale.ROOT), v.message())).toList());
        }
    }

    public record Violation(String field, String kind, String message) {
    }
}

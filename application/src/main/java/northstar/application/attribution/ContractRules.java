package northstar.application.attribution;

import java.util.Map;
import java.util.Set;
import northstar.domain.attribution.UtmField;

/** What a caller saves for a platform: the fixed UTM values and the fields that may vary. */
public record ContractRules(Map<UtmField, String> utmTemplate, Set<UtmField> allowedFields) {
    public ContractRules {
        utmTemplate = Map.copyOf(utmTemplate);
        allowedFields = Set.copyOf(allowedFields);
    }
}

package northstar.adapters.http.wire;

import java.util.List;
import java.util.Map;

/** PUT /v1/attribution/contracts/{platform}: the fixed UTM values and the fields a campaign may fill. */
public record ContractBody(Map<String, String> utmTemplate, List<String> allowedFields) {
    public ContractBody {
        Bodies.required("utm_template", utmTemplate);
        allowedFields = allowedFields == null ? List.of() : allowedFields;
    }
}

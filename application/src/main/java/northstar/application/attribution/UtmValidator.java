package northstar.application.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.attribution.UtmField;
import northstar.domain.attribution.Violation;
import northstar.domain.attribution.Violation.Kind;

/**
 * Checks a UTM set against a contract: fixed template values must be present and match exactly,
 * only allowed fields may carry other values, unknown fields are reported, and no value may be an
 * ad platform's unfilled macro ({campaignid}, {{campaign.name}}, __CAMPAIGN_NAME__, {lpurl}).
 */
final class UtmValidator {
    private static final Pattern MACRO = Pattern.compile("\\{\\{[^{}]*}}|\\{[A-Za-z_][A-Za-z0-9_.:]*}|__[A-Z][A-Z0-9_]*__");

    private UtmValidator() {
    }

    /** Field names may be given as "source" or "utm_source". */
    static List<Violation> validate(AttributionContract contract, Map<String, String> utm) {
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<UtmField, String> fixed : contract.utmTemplate().entrySet()) {
            String name = fixed.getKey().fieldName();
            String value = valueOf(utm, fixed.getKey());
            if (value == null) {
                violations.add(new Violation(name, Kind.MISSING, name + " must be " + fixed.getValue()));
            } else if (!value.equals(fixed.getValue())) {
                violations.add(new Violation(name, Kind.MISMATCH,
                        name + " must be " + fixed.getValue() + " for " + contract.platform() + ", not " + value));
            }
        }
        for (Map.Entry<String, String> e : utm.entrySet()) {
            Optional<UtmField> field = UtmField.parse(e.getKey());
            if (field.isEmpty()) {
                violations.add(new Violation(e.getKey(), Kind.UNKNOWN_FIELD, e.getKey() + " is not a UTM field"));
                continue;
            }
            String name = field.get().fieldName();
            if (!contract.utmTemplate().containsKey(field.get()) && !contract.allowedFields().contains(field.get())) {
                violations.add(new Violation(name, Kind.NOT_ALLOWED,
                        name + " is not allowed by the " + contract.platform() + " contract"));
            }
            if (e.getValue() != null && mayHoldMacro(e.getValue()) && MACRO.matcher(e.getValue()).find()) {
                violations.add(new Violation(name, Kind.UNFILLED_MACRO,
                        name + " holds an unfilled platform macro: " + e.getValue()));
            }
        }
        return violations;
    }

    /** Most values hold neither '{' nor "__": skip the regex for them (it runs for every UTM value ingested). */
    private static boolean mayHoldMacro(String value) {
        return value.indexOf('{') >= 0 || value.contains("__");
    }

    private static String valueOf(Map<String, String> utm, UtmField field) {
        String bare = utm.get(field.fieldName());
        return bare != null ? bare : utm.get("utm_" + field.fieldName());
    }
}

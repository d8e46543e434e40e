package northstar.domain.attribution;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import northstar.domain.Identifiers;
import northstar.domain.StoreException;

/**
 * The UTM rules of one ad platform for one tenant: fixed values (utm_template, e.g. source=google,
 * medium=cpc) and the fields that may vary (allowed_fields). A field is never both. version grows
 * by one on every change of template or allowed fields.
 */
public record AttributionContract(String contractId, String tenantId, String platform,
                                  Map<UtmField, String> utmTemplate, Set<UtmField> allowedFields, long version,
                                  Instant createdAt, Instant updatedAt) {
    public AttributionContract {
        Identifiers.id("contract_id", contractId);
        Identifiers.slug("tenant_id", tenantId);
        Identifiers.name("platform", platform);
        if (utmTemplate == null || !utmTemplate.containsKey(UtmField.SOURCE)) {
            throw StoreException.invalid("utm_template", "must fix source, by which events find their contract");
        }
        EnumMap<UtmField, String> template = new EnumMap<>(UtmField.class);
        utmTemplate.forEach((field, value) -> template.put(field,
                Identifiers.text("utm_template." + field.fieldName(), value, 512)));
        template.values().stream().filter(String::isBlank).findAny().ifPresent(v -> {
            throw StoreException.invalid("utm_template", "values must not be blank");
        });
        utmTemplate = Collections.unmodifiableMap(template);
        allowedFields = allowedFields == null || allowedFields.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(UtmField.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(allowedFields));
        for (UtmField f : allowedFields) {
            if (utmTemplate.containsKey(f)) {
                throw StoreException.invalid("allowed_fields", f.fieldName() + " is fixed by utm_template");
            }
        }
        if (version < 0) {
            throw StoreException.invalid("version", "must not be negative");
        }
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(updatedAt, "updated_at");
    }

    /** The utm_source value events of this platform carry. */
    public String source() {
        return utmTemplate.get(UtmField.SOURCE);
    }

    public boolean sameRulesAs(AttributionContract other) {
        return utmTemplate.equals(other.utmTemplate) && allowedFields.equals(other.allowedFields);
    }
}

package northstar.application.attribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.attribution.UtmField;

/**
 * The contracts shipped as data (default-contracts.properties): google_ads, facebook, linkedin,
 * twitter and tiktok. A default has version 1 and the contract id {@code default-<platform>}.
 */
final class DefaultContracts {
    private final Map<String, ContractRules> rules;

    private DefaultContracts(Map<String, ContractRules> rules) {
        this.rules = Map.copyOf(rules);
    }

    static DefaultContracts load() {
        Properties p = new Properties();
        try (InputStream in = DefaultContracts.class.getResourceAsStream("default-contracts.properties")) {
            if (in == null) {
                throw new IllegalStateException("default-contracts.properties is missing from the application module");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<UtmField, String>> templates = new TreeMap<>();
        Map<String, Set<UtmField>> allowed = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            String[] parts = name.split("\\.");
            String platform = parts[0];
            String value = p.getProperty(name).trim();
            if (parts.length == 3 && parts[1].equals("template")) {
                templates.computeIfAbsent(platform, k -> new EnumMap<>(UtmField.class)).put(field(parts[2]), value);
            } else if (parts.length == 2 && parts[1].equals("allowed")) {
                Set<UtmField> fields = EnumSet.noneOf(UtmField.class);
                Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .forEach(f -> fields.add(field(f)));
                allowed.put(platform, fields);
            } else {
                throw new IllegalStateException("default-contracts.properties: unknown entry " + name);
            }
        }
        Map<String, ContractRules> rules = new TreeMap<>();
        templates.forEach((platform, t) -> rules.put(platform,
                new ContractRules(t, allowed.getOrDefault(platform, Set.of()))));
        return new DefaultContracts(rules);
    }

    private static UtmField field(String name) {
        return UtmField.parse(name).orElseThrow(
                () -> new IllegalStateException("default-contracts.properties: unknown UTM field " + name));
    }

    Set<String> platforms() {
        return rules.keySet();
    }

    AttributionContract forTenant(String tenantId, String platform) {
        ContractRules r = rules.get(platform);
        if (r == null) {
            return null;
        }
        return new AttributionContract("default-" + platform, tenantId, platform, r.utmTemplate(), r.allowedFields(),
                1, Instant.EPOCH, Instant.EPOCH);
    }
}

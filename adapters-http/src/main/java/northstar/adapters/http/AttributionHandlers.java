package northstar.adapters.http;

import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import northstar.adapters.http.wire.ContractBody;
import northstar.adapters.http.wire.ContractView;
import northstar.application.attribution.AttributionService;
import northstar.application.attribution.ContractRules;
import northstar.application.attribution.ValidationReport;
import northstar.domain.StoreException;
import northstar.domain.attribution.UtmField;

/** /v1/attribution/contracts: save, get, list, validate. */
final class AttributionHandlers {
    private final AttributionService attribution;
    private final long maxJsonBytes;

    AttributionHandlers(AttributionService attribution, long maxJsonBytes) {
        this.attribution = attribution;
        this.maxJsonBytes = maxJsonBytes;
    }

    void save(Context ctx) {
        ContractBody b = Json.read(ctx, maxJsonBytes, ContractBody.class);
        Map<UtmField, String> template = new EnumMap<>(UtmField.class);
        b.utmTemplate().forEach((k, v) -> template.put(field("utm_template." + k, k), v));
        Set<UtmField> allowed = EnumSet.noneOf(UtmField.class);
        for (int i = 0; i < b.allowedFields().size(); i++) {
            allowed.add(field("allowed_fields[" + i + "]", b.allowedFields().get(i)));
        }
        Json.write(ctx, 200, ContractView.of(attribution.save(Auth.context(ctx), ctx.pathParam("platform"),
                new ContractRules(template, allowed))));
    }

    private static UtmField field(String where, String name) {
        return UtmField.parse(name).orElseThrow(() -> StoreException.invalid(where,
                name + " is not a UTM field (source, medium, campaign, content, term)"));
    }

    void get(Context ctx) {
        String platform = ctx.pathParam("platform");
        Json.write(ctx, 200, ContractView.of(attribution.get(Auth.context(ctx), platform)
                .orElseThrow(() -> StoreException.notFound("attribution contract " + platform))));
    }

    void list(Context ctx) {
        Json.writeList(ctx, 200, "items", attribution.list(Auth.context(ctx)), ContractView::of, java.util.Map.of());
    }

    void validate(Context ctx) {
        Map<String, String> utm = Json.readStrings(ctx, maxJsonBytes);
        ValidationReport report = attribution.validate(Auth.context(ctx), ctx.pathParam("platform"), utm);
        Json.write(ctx, 200, ContractView.Validation.of(report));
    }
}

package northstar.application.analytics;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import northstar.application.attribution.AttributionService;
import northstar.application.attribution.ValidationReport;
import northstar.application.budget.BudgetService;
import northstar.application.budget.UsageOutcome;
import northstar.application.budget.UsageToken;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.GateRejected;
import northstar.domain.analytics.UsageReport;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.budget.BudgetExceeded;

/**
 * The gates an event passes before it is stored: (1) attribution: an event carrying UTM parameters
 * must satisfy the contract that fixes its utm_source (a source no contract fixes is stored
 * unvalidated, unless its tenant is strict); (2) budget: usage the event reports is
 * charged to its budget, and refused when it would pass the hard limit. The budget is charged only
 * for events the attribution gate let through. A refused event is still stored, as gatechainerror.
 */
final class GateChain {
    static final String ATTRIBUTION = "attribution";
    static final String BUDGET = "budget";
    private static final String PREFIX = "gate ";

    private final AttributionService attribution;
    private final BudgetService budgets;

    GateChain(AttributionService attribution, BudgetService budgets) {
        this.attribution = attribution;
        this.budgets = budgets;
    }

    /** A refusal: which gate, why, and the portable code it answers with. */
    record Rejection(String gate, String reason, ErrorCode code) {
        String errorMessage(String reportedError) {
            String m = PREFIX + gate + ": " + reason + (reportedError == null ? "" : " (reported error: " + reportedError + ")");
            return m.length() <= AnalyticsRecord.MAX_ERROR_MESSAGE ? m : m.substring(0, AnalyticsRecord.MAX_ERROR_MESSAGE);
        }

        GateRejected toError(String analyticsId) {
            return new GateRejected(analyticsId, gate, reason, code);
        }
    }

    /**
     * What the chain decided for one event; the usage this call charged (to refund if need be); the
     * token of the event's charge, whoever applied it (to settle once the event is stored).
     */
    record Verdict(Optional<Rejection> rejection, Optional<UsageReport> charged, Optional<UsageToken> token,
                   Optional<String> validatedBy) {
        Verdict(Optional<Rejection> rejection, Optional<UsageReport> charged, Optional<UsageToken> token) {
            this(rejection, charged, token, Optional.empty());
        }

        AnalyticsRecord apply(AnalyticsRecord r) {
            return rejection.map(x -> r.withOutcome(EventStatus.GATECHAINERROR, x.errorMessage(r.errorMessage())))
                    .orElse(r);
        }
    }

    /** Rebuilds the error of an event that a gate refused when it was first stored. */
    static GateRejected rejectionOf(AnalyticsRecord stored) {
        String message = stored.errorMessage() == null ? "" : stored.errorMessage();
        String gate = message.startsWith(PREFIX + BUDGET + ":") ? BUDGET : ATTRIBUTION;
        String reason = message.startsWith(PREFIX + gate + ": ") ? message.substring((PREFIX + gate + ": ").length()) : message;
        return new GateRejected(stored.analyticsId(), gate, reason, codeOf(gate));
    }

    private static ErrorCode codeOf(String gate) {
        return gate.equals(BUDGET) ? ErrorCode.RESOURCE_EXHAUSTED : ErrorCode.INVALID_ARGUMENT;
    }

    /** Gates for one ingest call; contracts are looked up once per call and source. */
    Run forCall(RequestContext ctx) {
        return new Run(ctx);
    }

    final class Run {
        private final RequestContext ctx;
        private final Map<String, Optional<AttributionContract>> contracts = new HashMap<>();

        private Run(RequestContext ctx) {
            this.ctx = ctx;
        }

        Verdict evaluate(AnalyticsRecord r) {
            Optional<String> validatedBy = Optional.empty();
            Optional<Rejection> byAttribution;
            Optional<AttributionContract> contract = r.utm().isEmpty() || r.utm().source() == null ? Optional.empty()
                    : contracts.computeIfAbsent(r.utm().source(), s -> attribution.forSource(ctx, s));
            byAttribution = attributionGate(r, contract);
            if (byAttribution.isPresent()) {
                return new Verdict(byAttribution, Optional.empty(), Optional.empty());
            }
            validatedBy = contract.map(AttributionContract::platform);
            UsageReport usage = r.usage();
            if (usage == null) {
                return new Verdict(Optional.empty(), Optional.empty(), Optional.empty(), validatedBy);
            }
            UsageToken token = UsageToken.forEvent(r.analyticsId());
            try {
                UsageOutcome charged = budgets.recordUsage(ctx, usage.provider(), usage.metric(), usage.amount(), token);
                // charged by an earlier delivery of this event (a retry, a journal replay): nothing to refund here
                return new Verdict(Optional.empty(), charged.replayed() ? Optional.empty() : Optional.of(usage),
                        Optional.of(token), validatedBy);
            } catch (BudgetExceeded e) {
                return new Verdict(Optional.of(new Rejection(BUDGET, e.getMessage(), codeOf(BUDGET))), Optional.empty(),
                        Optional.empty());
            }
        }

        /**
         * UTM with a source a contract fixes is validated against it. UTM without a source, or with
         * one no contract fixes, is stored unvalidated, unless the tenant is strict (refused, as
         * gatechainerror).
         */
        private Optional<Rejection> attributionGate(AnalyticsRecord r, Optional<AttributionContract> contract) {
            if (r.utm().isEmpty()) {
                return Optional.empty();
            }
            String source = r.utm().source();
            boolean strict = attribution.rejectsUnknownSources(ctx.tenantId());
            if (source == null) {
                return strict ? reject("UTM parameters without utm_source cannot be attributed") : Optional.empty();
            }
            if (contract.isEmpty()) {
                return strict ? reject("no attribution contract fixes utm_source " + source) : Optional.empty();
            }
            ValidationReport report = attribution.validate(contract.get(), r.utm().asFields());
            return report.valid() ? Optional.empty() : reject(contract.get().platform() + " contract: " + report.summary());
        }

        private Optional<Rejection> reject(String reason) {
            return Optional.of(new Rejection(ATTRIBUTION, reason, codeOf(ATTRIBUTION)));
        }
    }
}

package northstar.application.attribution;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import northstar.application.Paging;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.Identifiers;
import northstar.domain.Retry;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Attribution contracts per ad platform, per tenant: save (upsert by platform), get, list, and
 * validation of UTM sets. A tenant sees the shipped default of a platform until it saves its own.
 */
public final class AttributionService {
    private static final int MAX_CONTRACTS = 1000;
    /** How long the ingest gate may use a tenant's contracts before reading them again. */
    static final long GATE_CACHE_NANOS = 1_000_000_000L;

    /** A tenant's contracts by the utm_source they fix, as the ingest gate last read them. */
    private record BySource(Map<String, AttributionContract> contracts, long readAtNanos) {
    }

    private final Map<String, BySource> gateCache = new java.util.concurrent.ConcurrentHashMap<>();

    private final StoreRouter router;
    private final Clock clock;
    private final Supplier<String> ids;
    private final DefaultContracts defaults = DefaultContracts.load();

    /** Tenants whose events with a utm_source no contract fixes are refused (strict mode); others store them unvalidated. */
    private final java.util.function.Predicate<String> rejectsUnknownSources;

    public AttributionService(StoreRouter router, Clock clock, Supplier<String> ids) {
        this(router, clock, ids, tenant -> false);
    }

    public AttributionService(StoreRouter router, Clock clock, Supplier<String> ids,
                              java.util.function.Predicate<String> rejectsUnknownSources) {
        this.router = router;
        this.clock = clock;
        this.ids = ids;
        this.rejectsUnknownSources = rejectsUnknownSources;
    }

    /**
     * Whether this tenant refuses events whose UTM names a source no contract fixes (or no source).
     * By default such events are everyday traffic (email, newsletters, partners): stored as they are,
     * unvalidated; the design validates only against contracts that exist.
     */
    public boolean rejectsUnknownSources(String tenantId) {
        return rejectsUnknownSources.test(tenantId);
    }

    /**
     * Saves the rules of a platform. The version grows by one when the rules change and stays when
     * they are the same; concurrent saves are serialised by the item version, none is lost.
     */
    public AttributionContract save(RequestContext ctx, String platform, ContractRules rules) {
        Identifiers.name("platform", platform);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = new TabularKey(ctx.tenantId(), ContractMapping.TABLE, ContractMapping.key(platform));
        return Retry.untilWon(Retry.CONFLICTS, () -> {
            Optional<TabularItem> stored = store.get(key);
            AttributionContract current = stored.map(ContractMapping::fromItem)
                    .orElseGet(() -> defaults.forTenant(ctx.tenantId(), platform));
            var now = clock.instant();
            AttributionContract next = current == null
                    ? new AttributionContract(ids.get(), ctx.tenantId(), platform, rules.utmTemplate(),
                            rules.allowedFields(), 1, now, now)
                    : new AttributionContract(stored.isPresent() ? current.contractId() : ids.get(), ctx.tenantId(),
                            platform, rules.utmTemplate(), rules.allowedFields(), current.version() + 1,
                            stored.isPresent() ? current.createdAt() : now, now);
            if (current != null && current.sameRulesAs(next)) {
                return Optional.of(current);
            }
            requireUniqueSource(ctx, next);
            WriteCondition condition = stored.map(i -> WriteCondition.ifVersion(i.version()))
                    .orElse(WriteCondition.IF_ABSENT);
            try {
                store.put(key, ContractMapping.toAttributes(next), condition);
                gateCache.remove(ctx.tenantId());
                return Optional.of(next);
            } catch (StoreException e) {
                if (e.code() != ErrorCode.ALREADY_EXISTS && e.code() != ErrorCode.FAILED_PRECONDITION) {
                    throw e;
                }
                return Optional.<AttributionContract>empty(); // another save won the race: read again and reapply
            }
        }, () -> new StoreException(ErrorCode.UNAVAILABLE, "contract " + platform + " is being changed concurrently; retry"));
    }

    private void requireUniqueSource(RequestContext ctx, AttributionContract next) {
        for (AttributionContract other : list(ctx)) {
            if (!other.platform().equals(next.platform()) && other.source().equals(next.source())) {
                throw new StoreException(ErrorCode.FAILED_PRECONDITION, "utm_source " + next.source()
                        + " is already fixed by the " + other.platform() + " contract");
            }
        }
    }

    public Optional<AttributionContract> get(RequestContext ctx, String platform) {
        Identifiers.name("platform", platform);
        TabularKey key = new TabularKey(ctx.tenantId(), ContractMapping.TABLE, ContractMapping.key(platform));
        return router.tabular(ctx).store().get(key).map(ContractMapping::fromItem)
                .or(() -> Optional.ofNullable(defaults.forTenant(ctx.tenantId(), platform)));
    }

    /** The tenant's contracts, its own and the defaults it has not replaced, by platform. */
    public List<AttributionContract> list(RequestContext ctx) {
        TabularStore store = router.tabular(ctx).store();
        Map<String, AttributionContract> byPlatform = new TreeMap<>();
        defaults.platforms().forEach(p -> byPlatform.put(p, defaults.forTenant(ctx.tenantId(), p)));
        Paging.all(page -> store.list(new northstar.domain.tabular.TableRef(ctx.tenantId(), ContractMapping.TABLE), "contract:", page), MAX_CONTRACTS)
                .forEach(item -> {
                    AttributionContract c = ContractMapping.fromItem(item);
                    byPlatform.put(c.platform(), c);
                });
        return List.copyOf(byPlatform.values());
    }

    /**
     * The contract whose template fixes this utm_source (utm_source=google: google_ads), for the
     * ingest gate. Read at most once a second per tenant: a save in this process is seen at once,
     * a save by another process sharing the store within a second.
     */
    public Optional<AttributionContract> forSource(RequestContext ctx, String utmSource) {
        long now = System.nanoTime();
        BySource cached = gateCache.get(ctx.tenantId());
        if (cached == null || now - cached.readAtNanos() > GATE_CACHE_NANOS) {
            Map<String, AttributionContract> bySource = new java.util.HashMap<>();
            list(ctx).stream().sorted(Comparator.comparing(AttributionContract::platform))
                    .forEach(c -> bySource.putIfAbsent(c.source(), c));
            cached = new BySource(Map.copyOf(bySource), now);
            gateCache.put(ctx.tenantId(), cached);
        }
        return Optional.ofNullable(cached.contracts().get(utmSource));
    }

    /** Validates a UTM set against a platform's contract; NOT_FOUND when the platform has none. */
    public ValidationReport validate(RequestContext ctx, String platform, Map<String, String> utm) {
        AttributionContract contract = get(ctx, platform)
                .orElseThrow(() -> StoreException.notFound("attribution contract " + platform));
        return ValidationReport.of(UtmValidator.validate(contract, utm));
    }

    /** Validates against a contract already at hand (the ingest gate). */
    public ValidationReport validate(AttributionContract contract, Map<String, String> utm) {
        return ValidationReport.of(UtmValidator.validate(contract, utm));
    }
}

/**
 * The Northstar domain: records (values, identifiers, events) and the outbound ports every backend
 * implements. Depends on java.base only.
 */
module northstar.domain {
    exports northstar.domain;
    exports northstar.domain.alerts;
    exports northstar.domain.analytics;
    exports northstar.domain.attribution;
    exports northstar.domain.budget;
    exports northstar.domain.media;
    exports northstar.domain.objects;
    exports northstar.domain.tabular;
    exports northstar.domain.routing;
}

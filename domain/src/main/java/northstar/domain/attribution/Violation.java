package northstar.domain.attribution;

/** One way a UTM set breaks a contract. */
public record Violation(String field, Kind kind, String message) {
    public enum Kind {
        /** a fixed template field carries another value */
        MISMATCH,
        /** a fixed template field is missing */
        MISSING,
        /** a known UTM field that the contract neither fixes nor allows */
        NOT_ALLOWED,
        /** not a UTM field at all */
        UNKNOWN_FIELD,
        /** a platform macro that the ad platform did not fill in ({campaignid}, {{campaign.name}}, ...) */
        UNFILLED_MACRO
    }
}

package northstar.domain.analytics;

import java.util.Locale;
import northstar.domain.StoreException;

/** The device platform an event came from (not the ad platform of its UTM source). */
public enum Platform {
    WEB, MOBILE, DESKTOP, API;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Platform fromWire(String field, String value) {
        for (Platform p : values()) {
            if (p.wireName().equals(value)) {
                return p;
            }
        }
        throw StoreException.invalid(field, "must be one of web, mobile, desktop, api");
    }
}

package northstar.domain.analytics;

import northstar.domain.WireNames;

/** The device platform an event came from (not the ad platform of its UTM source). */
public enum Platform {
    WEB, MOBILE, DESKTOP, API;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Platform fromWire(String field, String value) {
        return WireNames.parse(Platform.class, field, value);
    }
}

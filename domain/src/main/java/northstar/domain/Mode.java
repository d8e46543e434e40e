package northstar.domain;

import java.util.Locale;

/** How a tenant runs: lab (local, embedded backends allowed), saas or enterprise (cloud only). */
public enum Mode {
    LAB, SAAS, ENTERPRISE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromWire(String field, String value) {
        for (Mode m : values()) {
            if (m.wireName().equals(value)) {
                return m;
            }
        }
        throw StoreException.invalid(field, "must be one of lab, saas, enterprise");
    }
}

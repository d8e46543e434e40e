package northstar.domain;


/** How a tenant runs: lab (local, embedded backends allowed), saas or enterprise (cloud only). */
public enum Mode {
    LAB, SAAS, ENTERPRISE;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Mode fromWire(String field, String value) {
        return WireNames.parse(Mode.class, field, value);
    }
}

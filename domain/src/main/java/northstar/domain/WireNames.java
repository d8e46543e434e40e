package northstar.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enums on the wire: their lower-case names, parsed with an error that lists the allowed values. */
public final class WireNames {
    private WireNames() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(value)) {
                return e;
            }
        }
        throw StoreException.invalid(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(WireNames::of).collect(Collectors.joining(", ")));
    }
}

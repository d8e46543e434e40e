package northstar.application.budget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import northstar.domain.StoreException;

/**
 * The idempotency token of one usage change: the budget item records it in the same atomic step as
 * the change, so of any number of calls carrying it (a client's retries, the SDK's own retries, the
 * journal's replays, another instance) exactly one applies. Each token is kept as an attribute of the
 * budget for a while and then pruned by later increments.
 *
 * @param attribute the budget item's attribute that records it
 * @param keep      how long it is kept at least
 * @param clientKey whether the client chose it (then the same key with another amount is a conflict)
 */
public record UsageToken(String attribute, Duration keep, boolean clientKey) {
    static final String PREFIX = "idem:";
    /** How long a client's Idempotency-Key answers with its first outcome. */
    public static final Duration CLIENT_KEY_WINDOW = Duration.ofHours(24);
    /** A token the service made for one call guards only that call's own retries. */
    static final Duration CALL_WINDOW = Duration.ofMinutes(15);
    private static final int MAX_KEY = 255;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A client's Idempotency-Key: printable ASCII, 1 to 255 characters. */
    public static UsageToken clientKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw StoreException.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY + " printable ASCII characters");
        }
        return new UsageToken(PREFIX + "k:" + hash(key), CLIENT_KEY_WINDOW, true);
    }

    /** A token for one call of the service, when the caller gave none. */
    public static UsageToken forCall() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new UsageToken(PREFIX + "c:" + Base64.getUrlEncoder().withoutPadding().encodeToString(b), CALL_WINDOW,
                false);
    }

    /** The charge of a stored event's usage: one per event, whoever delivers it and however often. */
    public static UsageToken forEvent(String analyticsId) {
        return new UsageToken(PREFIX + "e:" + hash(analyticsId), CLIENT_KEY_WINDOW, false);
    }

    /** A token made for one call: once the call has its answer it guards nothing, and is pruned first. */
    boolean callScoped() {
        return attribute.startsWith(PREFIX + "c:");
    }

    /** The refund of one application of this token's charge (the call that applied it names it): once too. */
    public UsageToken refund(String application) {
        return new UsageToken(attribute + ":r:" + application, keep, false);
    }

    /** What the budget item records: the amount, until when the token is kept, and the counter it changed. */
    String value(double amount, Instant now, String counter) {
        return amount + " " + now.plus(keep).getEpochSecond() + " " + counter;
    }

    /** The counter a recorded token changed (the window its usage landed in); empty for an unreadable value. */
    static Optional<String> counterOf(Object value) {
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        String[] p = s.split(" ");
        return p.length >= 3 ? Optional.of(p[2]) : Optional.empty();
    }

    /** The id of the reservation a client's key names (the same key, the same reservation); random without a key. */
    String reservationId() {
        if (clientKey) {
            return "rsv_" + attribute.substring((PREFIX + "k:").length());
        }
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "rsv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static Optional<Double> amountOf(Object value) {
        if (!(value instanceof String s) || s.indexOf(' ') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(s.substring(0, s.indexOf(' '))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether a recorded token's time is up, so a later increment may prune it. */
    static boolean expired(Object value, Instant now) {
        if (!(value instanceof String s) || s.indexOf(' ') < 0) {
            return true;
        }
        String[] p = s.split(" ");
        try {
            return Long.parseLong(p[1]) < now.getEpochSecond();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

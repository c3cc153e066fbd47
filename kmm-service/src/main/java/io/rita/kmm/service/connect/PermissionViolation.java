package io.rita.kmm.service.connect;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server refused a publish or a subscription because the user lacks the permission, as it
 * reports it: {@code -ERR 'Permissions Violation for Publish to "kmm.services.susie.deposit-funds"'}.
 *
 * <pre>{@code
 * PermissionViolation.parse("Permissions Violation for Publish to \"a.b\"");   // PUBLISH to a.b
 * }</pre>
 *
 * @param action  what was refused
 * @param subject the subject it was refused on
 */
public record PermissionViolation(Action action, String subject) {

    /** What the user tried to do. */
    public enum Action {
        /** Send a message (a request) to the subject. */
        PUBLISH,
        /** Subscribe to the subject (or receive on it). */
        SUBSCRIBE
    }

    // nats-server: Permissions Violation for Publish to "x"; for Subscription to "x" [using queue "q"]
    private static final Pattern TEXT = Pattern.compile(
            "Permissions Violation for (Publish|Subscription) to \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    /** The violation an error text from the server reports, or empty for any other error. */
    public static Optional<PermissionViolation> parse(String error) {
        if (error == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(error);
        if (!m.find()) {
            return Optional.empty();
        }
        Action action = m.group(1).equalsIgnoreCase("Publish") ? Action.PUBLISH : Action.SUBSCRIBE;
        return Optional.of(new PermissionViolation(action, m.group(2)));
    }

    /**
     * Whether this violation concerns {@code watched}: the same subject, or, for a watched
     * subject ending in {@code >}, any subject under it (a refused subscription to the reply
     * inbox {@code _INBOX.abc.*} concerns every request waiting on {@code _INBOX.>}).
     */
    public boolean concerns(String watched) {
        if (watched.endsWith(">")) {
            return subject.startsWith(watched.substring(0, watched.length() - 1));
        }
        return subject.equals(watched);
    }
}

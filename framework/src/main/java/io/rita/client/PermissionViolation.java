package io.rita.client;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server refused a publish or a subscription because the user lacks the permission, as it
 * reports it: {@code -ERR 'Permissions Violation for Publish to "shows.services.gala.reserve-seat"'}.
 *
 * @param publish whether a publish was refused ({@code false}: a subscription)
 * @param subject the subject it was refused on
 */
record PermissionViolation(boolean publish, String subject) {

    // nats-server: Permissions Violation for Publish to "x"; for Subscription to "x" [using queue "q"]
    private static final Pattern TEXT = Pattern.compile(
            "Permissions Violation for (Publish|Subscription) to \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    /** The violation an error text from the server reports, or empty for any other error. */
    static Optional<PermissionViolation> parse(String error) {
        if (error == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(error);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new PermissionViolation(m.group(1).equalsIgnoreCase("Publish"), m.group(2)));
    }

    /**
     * Whether this violation concerns {@code watched}: the same subject, or, for a watched
     * subject ending in {@code >}, any subject under it (a refused subscription to the reply
     * inbox {@code _INBOX.abc.*} concerns every request waiting on {@code _INBOX.>}).
     */
    boolean concerns(String watched) {
        if (watched.endsWith(">")) {
            return subject.startsWith(watched.substring(0, watched.length() - 1));
        }
        return subject.equals(watched);
    }
}

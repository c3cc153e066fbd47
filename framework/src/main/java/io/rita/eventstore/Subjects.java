package io.rita.eventstore;

/**
 * Checks and matching of NATS subjects, tokens and filters, so that no caller can aim an
 * append at a wildcard or smuggle a {@code .} into another aggregate's subject. The one place
 * where Rita decides what a valid subject is.
 *
 * <pre>{@code
 * String subject = "orders." + Subjects.requireToken("order id", command.orderId());
 * Subjects.matches("orders.*", "orders.1");    // true
 * }</pre>
 */
public final class Subjects {

    private Subjects() {
    }

    /** Whether {@code token} is one non-empty subject token without {@code .}, {@code *}, {@code >} or whitespace. */
    public static boolean isToken(String token) {
        return token != null && isToken(token, 0, token.length());
    }

    /**
     * Whether {@code text} from {@code start} (inclusive) to {@code end} (exclusive) is one token.
     * A loop rather than a regex: a command's subjects are checked several times on its way, and
     * a matcher per token was a measurable part of the framework's CPU time per command.
     */
    private static boolean isToken(String text, int start, int end) {
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            // white space as a regex's \s has it: space, and the controls from tab to carriage return (9-13)
            if (c == '.' || c == '*' || c == '>' || c == ' ' || (c >= '\t' && c <= '\r')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code token} when it is a single valid token.
     *
     * @throws IllegalArgumentException naming {@code what} and the bad value otherwise
     */
    public static String requireToken(String what, String token) {
        if (!isToken(token)) {
            throw new IllegalArgumentException(what + " must be one subject token (not empty, no '.', '*', '>' "
                    + "or whitespace), was '" + token + "'");
        }
        return token;
    }

    /** Whether {@code subject} is concrete: non-empty tokens, no wildcards, no whitespace. */
    public static boolean isConcrete(String subject) {
        if (subject == null || subject.isEmpty()) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= subject.length(); i++) {
            if (i == subject.length() || subject.charAt(i) == '.') {
                if (!isToken(subject, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /**
     * Returns {@code subject} when it is concrete.
     *
     * @param what what the subject is for, e.g. {@code "an append"} or {@code "a command"}, for the message
     * @throws IllegalArgumentException otherwise
     */
    public static String requireConcrete(String what, String subject) {
        if (!isConcrete(subject)) {
            throw new IllegalArgumentException(what + " needs a concrete subject (tokens separated by '.', "
                    + "none empty, no '*', '>' or whitespace), was '" + subject + "'");
        }
        return subject;
    }

    /**
     * Returns {@code filter} when it is a valid subject or filter.
     *
     * @param what what the filter is for, e.g. {@code "load"} or {@code "route pattern"}, for the message
     * @throws IllegalArgumentException otherwise
     */
    public static String requireFilter(String what, String filter) {
        if (!isFilter(filter)) {
            throw new IllegalArgumentException(what + " needs a valid subject or filter (tokens separated by '.', none "
                    + "empty, '*' for one token, '>' only last, no whitespace), was '" + filter + "'");
        }
        return filter;
    }

    /**
     * Whether a concrete {@code subject} matches {@code filter}: {@code *} matches one token, a last
     * {@code >} one or more.
     */
    public static boolean matches(String filter, String subject) {
        String[] want = filter.split("\\.", -1);
        String[] have = subject.split("\\.", -1);
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals(">")) {
                return have.length > i;
            }
            if (i >= have.length || !(want[i].equals("*") || want[i].equals(have[i]))) {
                return false;
            }
        }
        return want.length == have.length;
    }

    /** Whether {@code subject} is a valid subject or filter: tokens non-empty, {@code >} only last, no whitespace. */
    public static boolean isFilter(String subject) {
        if (subject == null || subject.isEmpty()) {
            return false;
        }
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.equals("*") || (t.equals(">") && i == tokens.length - 1)) {
                continue;
            }
            if (!isToken(t)) {
                return false;
            }
        }
        return true;
    }
}

package io.rita.eventstore;

import java.util.regex.Pattern;

/**
 * Checks for NATS subjects and tokens, so that no caller can aim an append at a wildcard
 * or smuggle a {@code .} into another aggregate's subject.
 */
public final class Subjects {

    private static final Pattern BAD_TOKEN_CHARS = Pattern.compile("[.*>\\s]");

    private Subjects() {
    }

    /** Whether {@code token} is one non-empty subject token without {@code .}, {@code *}, {@code >} or whitespace. */
    public static boolean isToken(String token) {
        return token != null && !token.isEmpty() && !BAD_TOKEN_CHARS.matcher(token).find();
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
        for (String token : subject.split("\\.", -1)) {
            if (!isToken(token)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code subject} when it is concrete.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String requireConcrete(String subject) {
        if (!isConcrete(subject)) {
            throw new IllegalArgumentException("append needs a concrete subject (tokens separated by '.', "
                    + "none empty, no '*', '>' or whitespace), was '" + subject + "'");
        }
        return subject;
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

package io.rita.service.internal;

import io.rita.eventstore.Subjects;

/**
 * A NATS subject pattern ({@code *} matches one token, a last {@code >} one or more) and the
 * matching of request subjects against it, for serving routes without NATS.
 */
public final class SubjectPattern {

    private final String pattern;
    private final String[] tokens;

    /**
     * A pattern such as {@code kmm.services.*.deposit-funds}.
     *
     * @throws IllegalArgumentException when it is not a valid subject or filter
     */
    public SubjectPattern(String pattern) {
        if (!Subjects.isFilter(pattern)) {
            throw new IllegalArgumentException("not a valid subject pattern: '" + pattern + "'");
        }
        this.pattern = pattern;
        this.tokens = pattern.split("\\.", -1);
    }

    /** Whether {@code subject} matches this pattern. */
    public boolean matches(String subject) {
        String[] have = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(">")) {
                return have.length > i;
            }
            if (i >= have.length || !(tokens[i].equals("*") || tokens[i].equals(have[i]))) {
                return false;
            }
        }
        return tokens.length == have.length;
    }

    @Override
    public String toString() {
        return pattern;
    }
}

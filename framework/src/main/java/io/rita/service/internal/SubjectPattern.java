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

    /**
     * A subject that matches both this pattern and {@code other}, or {@code null} when no subject
     * does. Wildcards that meet only wildcards are filled with {@code x}.
     */
    public String commonSubject(SubjectPattern other) {
        String[] a = tokens;
        String[] b = other.tokens;
        StringBuilder common = new StringBuilder();
        for (int i = 0; ; i++) {
            if (i >= a.length || i >= b.length) {
                return a.length == b.length ? common.toString() : null;
            }
            if (a[i].equals(">") || b[i].equals(">")) {
                // '>' takes one or more tokens, and the other pattern has at least one left
                String[] rest = a[i].equals(">") ? b : a;
                for (int j = i; j < rest.length; j++) {
                    append(common, rest[j].equals("*") || rest[j].equals(">") ? "x" : rest[j]);
                }
                return common.toString();
            }
            if (a[i].equals("*")) {
                append(common, b[i].equals("*") ? "x" : b[i]);
            } else if (b[i].equals("*") || a[i].equals(b[i])) {
                append(common, a[i]);
            } else {
                return null;
            }
        }
    }

    private static void append(StringBuilder subject, String token) {
        if (!subject.isEmpty()) {
            subject.append('.');
        }
        subject.append(token);
    }

    @Override
    public String toString() {
        return pattern;
    }
}

package io.rita.service;

import io.rita.eventstore.Subjects;

/**
 * A route's request subject pattern ({@code *} matches one token, a last {@code >} one or more):
 * matching requests against it (with {@link Subjects#matches}), and finding a subject that two
 * patterns share, which is how overlapping routes are refused.
 */
final class SubjectPattern {

    private final String pattern;
    private final String[] tokens;

    /**
     * A pattern such as {@code kmm.services.*.deposit-funds}.
     *
     * @throws IllegalArgumentException when it is not a valid subject or filter
     */
    SubjectPattern(String pattern) {
        Subjects.requireFilter("a route pattern", pattern);
        this.pattern = pattern;
        this.tokens = pattern.split("\\.", -1);
    }

    /** Whether {@code subject} matches this pattern. */
    boolean matches(String subject) {
        return Subjects.matches(pattern, subject);
    }

    /**
     * A subject that matches both this pattern and {@code other}, or {@code null} when no subject
     * does. Wildcards that meet only wildcards are filled with {@code x}.
     */
    String commonSubject(SubjectPattern other) {
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

package io.rita.service.internal;

import io.rita.eventstore.Subjects;

/**
 * A NATS subject pattern ({@code *} matches one token, a last {@code >} one or more) and the
 * matching of request subjects against it, for serving routes without NATS.
 *
 * @param pattern the pattern, e.g. {@code kmm.services.*.deposit-funds}
 */
public record SubjectPattern(String pattern) {

    public SubjectPattern {
        if (!Subjects.isFilter(pattern)) {
            throw new IllegalArgumentException("not a valid subject pattern: '" + pattern + "'");
        }
    }

    /** Whether {@code subject} matches this pattern. */
    public boolean matches(String subject) {
        String[] want = pattern.split("\\.", -1);
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
}

package io.rita.test.memory;

/**
 * NATS subject matching: {@code *} matches one token, a final {@code >} one or more tokens.
 *
 * @param tokens the filter's tokens
 */
record SubjectFilter(String[] tokens) {

    /** The filter for a subject or wildcard pattern (already checked with {@code Subjects.isFilter}). */
    static SubjectFilter of(String filter) {
        return new SubjectFilter(filter.split("\\.", -1));
    }

    /** Whether the filter has no wildcard, so that it names one subject. */
    boolean isConcrete() {
        for (String token : tokens) {
            if (token.equals("*") || token.equals(">")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the concrete {@code subject} matches this filter. */
    boolean matches(String subject) {
        String[] parts = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(">")) {
                return parts.length > i;
            }
            if (i >= parts.length || !(tokens[i].equals("*") || tokens[i].equals(parts[i]))) {
                return false;
            }
        }
        return parts.length == tokens.length;
    }
}

package io.rita.internal;

import io.rita.eventstore.Subjects;

/** The argument checks of {@code EventStore.load}, shared so that every store refuses alike. Not API. */
public final class LoadArguments {

    private LoadArguments() {
    }

    /**
     * @throws IllegalArgumentException when {@code subject} is not a subject or filter, or
     *                                  {@code afterSequence} is negative
     */
    public static void check(String subject, long afterSequence) {
        if (!Subjects.isFilter(subject)) {
            throw new IllegalArgumentException("load needs a valid subject or filter, was '" + subject + "'");
        }
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must be >= 0, was " + afterSequence);
        }
    }
}

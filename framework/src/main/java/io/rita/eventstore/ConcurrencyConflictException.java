package io.rita.eventstore;

/**
 * An append expected a subject's last sequence that it no longer has: someone else appended
 * first. Reload and decide again, or report the conflict to the caller.
 */
public class ConcurrencyConflictException extends EventStoreException {

    private final long expected;
    private final long actual;

    public ConcurrencyConflictException(String subject, long expected, long actual) {
        super(subject, "expected sequence " + expected + " but was " + actual + " for " + subject
                + ": another writer appended first; reload and decide again");
        this.expected = expected;
        this.actual = actual;
    }

    /** The sequence the append expected. */
    public long expected() {
        return expected;
    }

    /** The subject's last sequence when the append was refused ({@code 0}: empty). */
    public long actual() {
        return actual;
    }
}

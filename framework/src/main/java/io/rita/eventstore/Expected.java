package io.rita.eventstore;

/**
 * What an append expects of its subject: nothing, or a given last sequence.
 *
 * <pre>{@code
 * store.append(subject, events, Expected.any());          // no check
 * store.append(subject, events, Expected.sequence(0));    // the subject must have no events yet
 * store.append(subject, events, Expected.sequence(42));   // the subject's last event is at stream sequence 42
 * }</pre>
 *
 * <p>A failed expectation raises {@link ConcurrencyConflictException}.
 */
public sealed interface Expected {

    /** No expectation: the append always goes through. */
    record Any() implements Expected {
    }

    /**
     * The subject's last stored sequence must be {@code value}; {@code 0} means "no events yet".
     *
     * @param value the expected last sequence, {@code >= 0}
     */
    record Sequence(long value) implements Expected {
        public Sequence {
            if (value < 0) {
                throw new IllegalArgumentException("expected sequence must be >= 0, was " + value);
            }
        }
    }

    /** No expectation. */
    static Expected any() {
        return new Any();
    }

    /**
     * The subject's last event must be at {@code sequence} ({@code 0}: no events yet).
     *
     * @throws IllegalArgumentException when {@code sequence} is negative
     */
    static Expected sequence(long sequence) {
        return new Sequence(sequence);
    }
}

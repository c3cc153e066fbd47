package io.rita.eventstore;

import java.util.Objects;

/**
 * Options of one append.
 *
 * <pre>{@code
 * store.append(subject, events, AppendOptions.expect(seq));
 * }</pre>
 *
 * @param expected the concurrency expectation on the subject
 */
public record AppendOptions(Expected expected) {

    public AppendOptions {
        Objects.requireNonNull(expected, "expected");
    }

    /** No expectation. */
    public static AppendOptions defaults() {
        return new AppendOptions(Expected.any());
    }

    /** Expect the subject's last sequence to be {@code sequence} ({@code 0}: no events yet). */
    public static AppendOptions expect(long sequence) {
        return new AppendOptions(Expected.sequence(sequence));
    }
}

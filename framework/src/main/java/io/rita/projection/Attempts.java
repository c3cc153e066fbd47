package io.rita.projection;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Calls a projection's own functions (key and view) a bounded number of times: a function that
 * throws is tried again after a pause that doubles, and after the last attempt the projector
 * stops on the event, naming it. A pure function that throws once throws every time, but one
 * that reads something outside may recover, and either way nothing is skipped.
 */
final class Attempts {

    private final int maxAttempts;
    private final Duration backoff;

    Attempts(int maxAttempts, Duration backoff) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /**
     * The function's result.
     *
     * @throws ProjectionFailedException naming the subject and sequence when every attempt threw
     */
    <T> T call(Projection<?, ?> projection, String subject, long sequence, Supplier<T> function) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return function.get();
            } catch (RuntimeException e) {
                last = e;
                if (attempt < maxAttempts) {
                    pause(attempt);
                }
            }
        }
        throw new ProjectionFailedException(projection.name(), projection.version(), subject, sequence, maxAttempts,
                "the projection's function threw " + last + "; fix the function (or the event) and start the "
                        + "projector again: it carries on from this event", last);
    }

    private void pause(int attempt) {
        long millis = backoff.toMillis() << Math.min(attempt - 1, 10);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }
}

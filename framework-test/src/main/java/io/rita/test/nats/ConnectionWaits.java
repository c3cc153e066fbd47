package io.rita.test.nats;

import io.nats.client.Connection;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Waits until connections reach a state, by polling every few milliseconds: a server restart
 * is over in milliseconds, and tests should continue the moment it is.
 */
final class ConnectionWaits {

    private static final long POLL_MILLIS = 5;

    private ConnectionWaits() {
    }

    /**
     * Returns when every connection that is not closed satisfies {@code state}.
     *
     * @throws IllegalStateException when that does not happen within {@code timeout}
     */
    static void await(List<Connection> connections, Predicate<Connection.Status> state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connections.stream().allMatch(c -> c.getStatus() == Connection.Status.CLOSED || state.test(c.getStatus()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connections did not settle within " + timeout.toSeconds() + " s: "
                        + connections.stream().map(c -> c.getStatus().toString()).collect(Collectors.joining(", ")));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for connections", e);
            }
        }
    }
}

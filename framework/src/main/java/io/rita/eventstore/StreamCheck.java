package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;

import io.rita.internal.ApiErrors;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * Asks whether a stream exists before a read, while there is reason to doubt it: on nats-server
 * 2.9 a direct get of a stream that does not exist goes unanswered until it times out (5 s), so a
 * read of a deleted (or never created) store would wait that long each time before saying so.
 * One stream info request instead fails such a read at once. Reads ask before the first one
 * (unless the store was created, ensured or opened) and after one failed in a way a missing
 * stream explains, until the stream is seen.
 */
final class StreamCheck {

    private final JetStreamManagement management;
    private final String stream;
    private final BiFunction<String, Throwable, EventStoreException> missing;
    private volatile boolean doubt = true;

    /**
     * @param missing the failure for a read of {@code subject} when the stream does not exist,
     *                given JetStream's answer as its cause
     */
    StreamCheck(Connection connection, String stream, BiFunction<String, Throwable, EventStoreException> missing) {
        this.management = NobodyListens.lookups(connection);
        this.stream = stream;
        this.missing = missing;
    }

    /** A read failed in a way a missing stream may explain (deleted, timed out): the next read asks first. */
    void doubt() {
        doubt = true;
    }

    /** The stream was seen (created, or found): reads stop asking. */
    void seen() {
        doubt = false;
    }

    /**
     * Returns at once unless in doubt; then asks, and throws the {@code missing} failure when
     * JetStream says the stream does not exist. Any other outcome lets the read go ahead and say
     * what is wrong itself; while the question goes unanswered (a server restarting), the next
     * read asks again, waiting at most {@link NobodyListens#LOOKUP} on top of its own timeout.
     */
    void require(String subject) {
        if (!doubt) {
            return;
        }
        try {
            management.getStreamInfo(stream);
            doubt = false;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND) {
                throw missing.apply(subject, e);
            }
        } catch (IOException | RuntimeException e) {
            // no answer in time, or a closed connection: the read itself will say so
        }
    }
}

package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.rita.internal.ApiErrors;

import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Asks whether a stream exists before a read, while there is reason to doubt it: on nats-server
 * 2.9 a direct get of a stream that does not exist goes unanswered until it times out (5 s), so a
 * read of a deleted (or never created) store would wait that long each time before saying so.
 * One stream info request instead fails such a read at once. Reads ask before the first one
 * (unless the store was created, ensured or opened) and after one failed in a way a missing
 * stream explains, until the stream is seen. The answer's subjects go to {@link BoundSubjects},
 * so that the first read of a store is checked against them too.
 */
final class StreamCheck {

    private final JetStreamManagement management;
    private final String stream;
    private final BiFunction<String, Throwable, EventStoreException> missing;
    private final Consumer<List<String>> subjects;
    private volatile boolean doubt = true;

    /**
     * @param missing  the failure for a read of {@code subject} when the stream does not exist,
     *                 given JetStream's answer as its cause
     * @param subjects told the stream's subjects when it is found
     */
    StreamCheck(Connection connection, String stream, BiFunction<String, Throwable, EventStoreException> missing,
                Consumer<List<String>> subjects) {
        this.management = NobodyListens.lookups(connection);
        this.stream = stream;
        this.missing = missing;
        this.subjects = subjects;
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
        List<String> taken;
        try {
            taken = management.getStreamInfo(stream).getConfiguration().getSubjects();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND) {
                throw missing.apply(subject, e);
            }
            return; // another refusal: the read itself will say so
        } catch (IOException | RuntimeException e) {
            // no answer in time, or a closed connection: the read itself will say so
            return;
        }
        subjects.accept(taken);
        doubt = false;
    }
}

package io.rita.eventstore;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;

import java.io.IOException;
import java.util.function.BiFunction;

/**
 * Asks whether a stream exists before a read, while there is reason to doubt it: on nats-server
 * 2.9 a direct get of a stream that does not exist goes unanswered until it times out (5 s), so a
 * read of a deleted (or never created) store would wait that long each time before saying so.
 * One stream info request instead fails such a read at once; reads ask only until the stream is
 * seen, and again after a read failed.
 */
final class StreamCheck {

    private final JetStreamManagement management;
    private final String stream;
    private volatile boolean doubt;

    /** @param doubtFirst whether the first read asks (a stream that may never have been created) */
    StreamCheck(JetStreamManagement management, String stream, boolean doubtFirst) {
        this.management = management;
        this.stream = stream;
        this.doubt = doubtFirst;
    }

    /** A read failed in a way a missing stream could explain: the next read asks first. */
    void doubt() {
        doubt = true;
    }

    /** The stream was seen (created, or found): reads stop asking. */
    void seen() {
        doubt = false;
    }

    /**
     * Returns at once unless in doubt; then asks, and throws {@code missing}'s exception (given the
     * subject and JetStream's answer) when
     * JetStream says the stream does not exist. Any other outcome lets the read go ahead and say
     * what is wrong itself.
     */
    void require(String subject, BiFunction<String, Throwable, EventStoreException> missing) {
        if (!doubt) {
            return;
        }
        try {
            management.getStreamInfo(stream);
            doubt = false;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == StreamAdmin.STREAM_NOT_FOUND) {
                throw missing.apply(subject, e);
            }
        } catch (IOException e) {
            // no answer: the read itself will say so
        }
    }
}

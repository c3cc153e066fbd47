package io.rita.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.types.Codec;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The projection's records in its own bucket, next to the views, so that they go wherever the
 * bucket goes (a removed bucket takes them along): {@link ViewKeys#READY}, written once when the
 * version first caught up with the stream, and {@link ViewKeys#FAILURE}, present while the
 * projection is stopped on an event, which every process can then report.
 */
final class Markers {

    private static final ObjectMapper JSON = Codec.jsonMapper();

    /**
     * The value of {@link ViewKeys#READY}.
     *
     * @param sequence the stream sequence the version had applied when it caught up
     * @param time     when
     */
    record Ready(long sequence, Instant time) {
    }

    /**
     * The value of {@link ViewKeys#FAILURE}.
     *
     * @param subject  the subject of the event it stopped at
     * @param sequence that event's stream sequence
     * @param message  why
     * @param process  where it ran
     * @param time     when it stopped
     */
    record Stopped(String subject, long sequence, String message, String process, Instant time) {
    }

    private Markers() {
    }

    /** Whether the version caught up once. */
    static boolean ready(ViewBucket bucket) throws InterruptedException {
        return bucket.read(ViewKeys.READY).filter(entry -> !entry.removed()).isPresent();
    }

    /** Records that the version caught up (once: a later write finds it there and leaves it). */
    static void markReady(ViewBucket bucket, long sequence, Instant time) throws Exception {
        write(bucket, ViewKeys.READY, JSON.writeValueAsBytes(new Ready(sequence, time)), 0);
    }

    /** The failure the projection is stopped on, if any. */
    static Optional<Stopped> failure(ViewBucket bucket) throws InterruptedException {
        return bucket.read(ViewKeys.FAILURE).filter(entry -> !entry.removed()).map(entry -> {
            try {
                return JSON.readValue(entry.data(), Stopped.class);
            } catch (IOException e) {
                return new Stopped("?", 0, "an unreadable failure record", "?", null);
            }
        });
    }

    /** Records a failure, replacing an earlier one. */
    static void markFailure(ViewBucket bucket, ProjectionFailedException failure, String process, Instant time)
            throws Exception {
        long revision = bucket.read(ViewKeys.FAILURE).map(ViewBucket.Entry::revision).orElse(0L);
        write(bucket, ViewKeys.FAILURE, JSON.writeValueAsBytes(new Stopped(failure.subject(), failure.sequence(),
                failure.getMessage(), process, time)), revision);
    }

    /** Removes the failure record: the event it names is applied now. */
    static void clearFailure(ViewBucket bucket) throws Exception {
        Optional<ViewBucket.Entry> entry = bucket.read(ViewKeys.FAILURE);
        if (entry.isPresent() && !entry.get().removed()) {
            write(bucket, ViewKeys.FAILURE, null, entry.get().revision());
        }
    }

    private static void write(ViewBucket bucket, String key, byte[] value, long expected) throws Exception {
        try {
            bucket.write(key, value, 0, expected).get(bucket.writeWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (!Failures.isWrongLastSequence(e)) {
                throw e;
            }
            // another process wrote it first, which is as good
        }
    }
}

package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import io.rita.internal.ApiErrors;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Asks whether a stream exists before a read, while there is reason to doubt it: on nats-server
 * 2.9 a direct get of a stream that does not exist goes unanswered until it times out (5 s), so a
 * read of a deleted (or never created) store would wait that long each time before saying so.
 * One stream info request instead fails such a read at once. Reads ask before the first one
 * (unless the store was created, ensured or opened) and after one failed in a way a missing
 * stream explains, until the stream is seen. The stream's settings in the answer go to the store
 * (the subjects it takes, its replicas), which would otherwise ask for them itself. Reads that
 * come while the question is out wait for its answer instead of asking again: a service that
 * starts under load would send one request per waiting read. An answer to a question asked
 * before the store created, changed, opened or deleted the stream is not used: what the store
 * saw since is newer.
 */
final class StreamCheck {

    private final JetStreamManagement management;
    private final String stream;
    private final BiFunction<String, Throwable, EventStoreException> missing;
    private final BiConsumer<List<String>, Integer> found;
    /** The question out now, if any: its answer is JetStream's "not found", or null for anything else. */
    private final AtomicReference<CompletableFuture<JetStreamApiException>> asking = new AtomicReference<>();
    private volatile boolean doubt = true;
    /** Counts what the store saw or doubted; guarded by this, as is the use of an answer. */
    private long changes;
    /** Counts what the store saw (created, found): a "not found" asked before one is out of date. */
    private long sightings;

    /**
     * @param missing  the failure for a read of {@code subject} when the stream does not exist,
     *                 given JetStream's answer as its cause
     * @param found    told the stream's subjects and replicas when it is found (or seen)
     */
    StreamCheck(Connection connection, String stream, BiFunction<String, Throwable, EventStoreException> missing,
                BiConsumer<List<String>, Integer> found) {
        this(NobodyListens.lookups(connection), stream, missing, found);
    }

    /** A check that asks through {@code management} (a test's can hold an answer back while the store moves on). */
    StreamCheck(JetStreamManagement management, String stream, BiFunction<String, Throwable, EventStoreException> missing,
                BiConsumer<List<String>, Integer> found) {
        this.management = management;
        this.stream = stream;
        this.missing = missing;
        this.found = found;
    }

    /** A read failed in a way a missing stream may explain (deleted, timed out): the next read asks first. */
    synchronized void doubt() {
        changes++;
        doubt = true;
    }

    /** The stream was seen (created, or found): reads stop asking. */
    synchronized void seen() {
        changes++;
        sightings++;
        doubt = false;
    }

    /** The stream was seen with these settings: reads stop asking, and the store learns them. */
    synchronized void seen(List<String> subjects, int replicas) {
        seen();
        found.accept(subjects, replicas);
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
        CompletableFuture<JetStreamApiException> mine = new CompletableFuture<>();
        CompletableFuture<JetStreamApiException> theirs = asking.compareAndExchange(null, mine);
        JetStreamApiException notFound = theirs != null ? awaitAnswer(theirs)
                : doubt ? askFor(mine) : answer(mine, null); // answered between the first look and here
        if (notFound != null) {
            throw missing.apply(subject, notFound);
        }
    }

    /** Asks, and gives the answer to the reads waiting for it. */
    private JetStreamApiException askFor(CompletableFuture<JetStreamApiException> mine) {
        JetStreamApiException notFound = null;
        try {
            notFound = ask();
        } finally {
            answer(mine, notFound);
        }
        return notFound;
    }

    private JetStreamApiException answer(CompletableFuture<JetStreamApiException> mine, JetStreamApiException notFound) {
        asking.set(null);
        mine.complete(notFound);
        return notFound;
    }

    /**
     * JetStream's "not found", or null when the stream was found (and is no longer in doubt), no
     * answer came, or the answer is out of date: a stream found is not used when the store saw or
     * doubted it since the question (a create, or a delete, came in between); "not found" is not
     * reported when the store saw the stream since.
     */
    private JetStreamApiException ask() {
        long changesThen;
        long sightingsThen;
        synchronized (this) {
            changesThen = changes;
            sightingsThen = sightings;
        }
        StreamConfiguration config;
        try {
            config = management.getStreamInfo(stream).getConfiguration();
        } catch (JetStreamApiException e) {
            // another refusal: the read itself will say so
            return e.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND && unseenSince(sightingsThen) ? e : null;
        } catch (IOException | RuntimeException e) {
            return null; // no answer in time, or a closed connection: the read itself will say so
        }
        synchronized (this) {
            if (changes == changesThen) {
                found.accept(config.getSubjects(), config.getReplicas());
                doubt = false;
            }
        }
        return null;
    }

    private synchronized boolean unseenSince(long sightingsThen) {
        return sightings == sightingsThen;
    }

    /** Another read's answer; null (go ahead) when it does not come within the question's own timeout. */
    private static JetStreamApiException awaitAnswer(CompletableFuture<JetStreamApiException> theirs) {
        try {
            return theirs.get(2 * NobodyListens.LOOKUP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}

package io.rita.projection;

import io.nats.client.Message;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventEncoding;
import io.rita.eventstore.StoredEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Applies rounds of messages to the views: decode, fold per key in stream order, write every
 * changed view once per round, each write expecting the revision it was folded from.
 *
 * <p>The exactly-once rule: every view carries the stream sequence of the last event applied to
 * it, and an event at or below it is skipped; a write that finds the key changed since it was
 * read (another process wrote it) reads it again and folds the round's events for that key that
 * are newer than what it holds. So an event delivered twice, by a restart or a takeover, leaves
 * the view as it was, and two processes writing one key never interleave.
 *
 * <p>A view unchanged by a round is not written: folding the same events from the stored view
 * again gives it again, so nothing is lost if they are delivered again.
 */
final class Applier<E, V> {

    private static final int WRITE_ATTEMPTS = 5;

    private final Projection<E, V> projection;
    private final ViewBucket bucket;
    private final ViewCodec<V> codec;
    private final EventEncoding encoding;
    private final Attempts attempts;
    private final Map<String, Known<V>> cache;
    private final int cacheSize;
    /** While the bucket held no views when the lease was taken and nothing was evicted, a key not in memory has no view. */
    private boolean assumeAbsent;

    /** A key as stored: its view, the sequence applied to it, its revision (0 and 0 when never written). */
    record Known<V>(Optional<V> view, long sequence, long revision) {
        static <V> Known<V> absent() {
            return new Known<>(Optional.empty(), 0, 0);
        }
    }

    /** A key during a round: where it started, where the round's events took it, and those events (to fold again on a conflict). */
    private static final class Working<V> {
        final Known<V> stored;
        final List<Step> steps = new ArrayList<>(4);
        Optional<V> view;
        long sequence;

        Working(Known<V> stored) {
            this.stored = stored;
            this.view = stored.view();
            this.sequence = stored.sequence();
        }
    }

    private record Step(long sequence, String subject, Object event) {
    }

    /**
     * What a round did.
     *
     * @param applied  how many of its messages (a prefix) are applied and written
     * @param failure  why it stopped before the rest, or {@code null}
     */
    record Outcome(int applied, ProjectionFailedException failure) {
    }

    Applier(Projection<E, V> projection, ViewBucket bucket, ViewCodec<V> codec, EventEncoding encoding,
            Attempts attempts, int cacheSize) {
        this.projection = projection;
        this.bucket = bucket;
        this.codec = codec;
        this.encoding = encoding;
        this.attempts = attempts;
        this.cacheSize = cacheSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Forgets every view held in memory (a new lease: someone else may have written since). */
    void reset(boolean bucketHasNoViews) {
        cache.clear();
        assumeAbsent = bucketHasNoViews;
    }

    /**
     * Applies a round: folds its messages in order until one cannot be applied, writes the views
     * they changed, and says how many were applied. Acknowledging is the caller's.
     *
     * @throws Exception when views could not be read or written: nothing of the round may be
     *                   acknowledged, and what was written is safe to apply again
     */
    Outcome apply(List<Message> round) throws Exception {
        Map<String, Working<V>> touched = new LinkedHashMap<>();
        int applied = 0;
        ProjectionFailedException failure = null;
        for (Message message : round) {
            long sequence = message.metaData().streamSequence();
            String subject = message.getSubject();
            try {
                List<StoredEvent> events = decode(subject, sequence, message);
                // the message is applied as a whole or not at all: its results wait here until every event folded
                Map<String, Optional<V>> views = new LinkedHashMap<>(4);
                List<String> keys = new ArrayList<>(events.size());
                List<Step> steps = new ArrayList<>(events.size());
                for (StoredEvent event : events) {
                    E data = eventOf(event);
                    String key = ViewKeys.encode(attempts.call(projection, subject, sequence,
                            () -> Objects.requireNonNull(projection.key().apply(event), "the key function returned null")));
                    Working<V> working = touched.get(key);
                    if (working == null) {
                        working = new Working<>(known(key));
                        touched.put(key, working); // not written unless its view changes
                    }
                    if (sequence <= working.sequence) {
                        continue; // applied before: delivered again after a restart or a takeover
                    }
                    Optional<V> current = views.containsKey(key) ? views.get(key) : working.view;
                    views.put(key, fold(current, data, subject, sequence));
                    keys.add(key);
                    steps.add(new Step(sequence, subject, data));
                }
                for (Map.Entry<String, Optional<V>> view : views.entrySet()) {
                    Working<V> working = touched.get(view.getKey());
                    working.view = view.getValue();
                    working.sequence = sequence;
                }
                for (int i = 0; i < keys.size(); i++) {
                    touched.get(keys.get(i)).steps.add(steps.get(i));
                }
                applied++;
            } catch (ProjectionFailedException e) {
                failure = e;
                break;
            } catch (ProjectionException e) {
                // a view that cannot be read: the event cannot be applied to it
                failure = stop(subject, sequence, e.getMessage(), e);
                break;
            }
        }
        write(touched);
        return new Outcome(applied, failure);
    }

    private List<StoredEvent> decode(String subject, long sequence, Message message) {
        try {
            return encoding.decodeMessage(subject, sequence, message.getHeaders(), message.getData());
        } catch (EventDecodingException e) {
            if (e.type() == null) {
                throw stop(subject, sequence, e.getMessage() + "; only Rita events may be stored on the projection's "
                        + "subjects (" + projection.filter() + "); remove the message from the stream, or narrow the"
                        + " filter with a new version", e);
            }
            throw stop(subject, sequence, e.unknownType()
                    ? "its event type '" + e.type() + "' is not registered; run a version of the service that registers"
                    + " it (the event stays in the stream and is applied then)"
                    : e.getMessage() + "; run a version of the service that reads it", e);
        }
    }

    @SuppressWarnings("unchecked") // checked with isInstance just before
    private E eventOf(StoredEvent event) {
        if (!projection.eventType().isInstance(event.data())) {
            throw stop(event.subject(), event.sequence(), "its event type '" + event.type() + "' ("
                    + event.data().getClass().getName() + ") is not a " + projection.eventType().getName()
                    + "; narrow the filter or widen the event type, in a new version", null);
        }
        return (E) event.data();
    }

    private Optional<V> fold(Optional<V> view, E event, String subject, long sequence) {
        return attempts.call(projection, subject, sequence, () -> Objects.requireNonNull(
                projection.apply().apply(view, event), "the projection function returned null; return Optional.empty() "
                        + "to remove the key"));
    }

    private ProjectionFailedException stop(String subject, long sequence, String reason, Throwable cause) {
        return new ProjectionFailedException(projection.name(), projection.version(), subject, sequence, 1, reason, cause);
    }

    private Known<V> known(String key) {
        Known<V> known = cache.get(key);
        if (known == null) {
            known = assumeAbsent ? Known.absent() : read(key);
        }
        return known;
    }

    private Known<V> read(String key) {
        try {
            Optional<ViewBucket.Entry> entry = bucket.read(key);
            if (entry.isEmpty()) {
                return Known.absent();
            }
            Optional<V> view = codec.decode(bucket.name(), entry.get());
            return new Known<>(view, entry.get().sequence(), entry.get().revision());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a view", e);
        }
    }

    /** Writes every changed view, all at once; a key written by someone else meanwhile is read again and folded again. */
    private void write(Map<String, Working<V>> touched) throws Exception {
        Map<String, CompletableFuture<Long>> writes = new LinkedHashMap<>();
        Map<String, Known<V>> written = new LinkedHashMap<>();
        for (Map.Entry<String, Working<V>> entry : touched.entrySet()) {
            Working<V> working = entry.getValue();
            if (working.view.equals(working.stored.view())) {
                continue;
            }
            writes.put(entry.getKey(), bucket.write(entry.getKey(), codec.encode(working.view), working.sequence,
                    working.stored.revision()));
        }
        for (Map.Entry<String, CompletableFuture<Long>> write : writes.entrySet()) {
            String key = write.getKey();
            Working<V> working = touched.get(key);
            try {
                long revision = write.getValue().get(bucket.writeWait().toNanos(), TimeUnit.NANOSECONDS);
                written.put(key, new Known<>(working.view, working.sequence, revision));
            } catch (ExecutionException e) {
                if (!Failures.isWrongLastSequence(e)) {
                    cache.clear();
                    throw e;
                }
                written.put(key, writeAgain(key, working));
            }
        }
        for (Map.Entry<String, Working<V>> entry : touched.entrySet()) {
            Known<V> known = written.get(entry.getKey());
            remember(entry.getKey(), known != null ? known : entry.getValue().stored);
        }
    }

    /** Someone else wrote the key since it was read: read it, fold this round's newer events onto it, write, and again if needed. */
    private Known<V> writeAgain(String key, Working<V> working) throws Exception {
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            cache.remove(key);
            Known<V> fresh;
            try {
                fresh = read(key);
            } catch (ProjectionFailedException e) {
                throw e;
            } catch (ProjectionException e) {
                Step first = working.steps.getFirst();
                throw stop(first.subject(), first.sequence(), e.getMessage(), e);
            }
            Optional<V> view = fresh.view();
            long sequence = fresh.sequence();
            for (Step step : working.steps) {
                if (step.sequence() > fresh.sequence()) {
                    @SuppressWarnings("unchecked") // steps hold events checked against the event type
                    E event = (E) step.event();
                    view = fold(view, event, step.subject(), step.sequence());
                    sequence = step.sequence();
                }
            }
            if (view.equals(fresh.view())) {
                return new Known<>(view, fresh.sequence(), fresh.revision());
            }
            try {
                long revision = bucket.write(key, codec.encode(view), sequence, fresh.revision())
                        .get(bucket.writeWait().toNanos(), TimeUnit.NANOSECONDS);
                return new Known<>(view, sequence, revision);
            } catch (ExecutionException e) {
                if (!Failures.isWrongLastSequence(e)) {
                    throw e;
                }
            }
        }
        cache.clear();
        throw new IllegalStateException("the view '" + ViewKeys.decode(key) + "' of bucket " + bucket.name()
                + " changed under every one of " + WRITE_ATTEMPTS + " writes: another process writes it too");
    }

    private void remember(String key, Known<V> known) {
        if (cacheSize == 0) {
            return;
        }
        cache.put(key, known);
        if (cache.size() > cacheSize) {
            var eldest = cache.keySet().iterator();
            eldest.next();
            eldest.remove();
            assumeAbsent = false; // an evicted key has a view in the bucket now
        }
    }
}

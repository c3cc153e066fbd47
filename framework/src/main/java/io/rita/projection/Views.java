package io.rita.projection;

import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.internal.DirectGet;
import io.rita.internal.NoJetStream;
import io.rita.projection.ProjectionStatus.State;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads a projection's views, from any process (it needs no {@link Projector} of its own).
 *
 * <pre>{@code
 * Views<Row> rows = Views.of(store, accounts);      // or projector.views()
 * rows.get("susie");                                // Optional[Row[balance=20]]
 * rows.entries();                                   // every view, sorted by key
 * }</pre>
 *
 * <p><b>Which version.</b> It reads the projection's own version once that version has caught
 * up with the stream for the first time; until then the newest older version that has (a
 * version being built from the start does not show half-built views). Each older version's
 * views are read with this projection's view type and codec, so keep a new version's view type
 * able to read the previous one's JSON (new fields with defaults), or expect a
 * {@link ProjectionException} for the few seconds of the switch. The choice is looked at again
 * at most once a second.
 *
 * <p>Views are as fresh as the projector that writes them: in steady state, milliseconds behind
 * the events. Thread-safe.
 *
 * <p>Every read throws {@link ProjectionUnavailableException} when no version is ready yet, and
 * {@link ProjectionException} when a view cannot be decoded (naming its key and bucket), the
 * server runs without JetStream, or no version is ready and this one stopped (its bucket's
 * failure marker, or the projector of this process, says why): waiting will not help then.
 */
public final class Views<V> {

    private static final long RECHECK_NANOS = Duration.ofSeconds(1).toNanos();

    private final JetStreamEventStore store;
    private final Projection<?, V> projection;
    private final Map<Integer, Source<V>> sources = new ConcurrentHashMap<>();
    private volatile Chosen<V> chosen;
    /** Why this process's projector stopped, when the views are its ({@link Projector#views()}); else null. */
    private final Supplier<String> localFailure;

    private record Source<V>(ViewBucket bucket, ViewCodec<V> codec) {
    }

    private record Chosen<V>(int version, Source<V> source, long until) {
    }

    private Views(JetStreamEventStore store, Projection<?, V> projection, Supplier<String> localFailure) {
        this.store = Objects.requireNonNull(store, "store");
        this.projection = Objects.requireNonNull(projection, "projection");
        this.localFailure = localFailure;
    }

    /** The views of {@code projection} over {@code store}'s events. */
    public static <V> Views<V> of(JetStreamEventStore store, Projection<?, V> projection) {
        return new Views<>(store, projection, () -> null);
    }

    /** The views of a projector of this process, which knows why it stopped even where its bucket cannot say. */
    static <V> Views<V> of(JetStreamEventStore store, Projection<?, V> projection, Supplier<String> localFailure) {
        return new Views<>(store, projection, localFailure);
    }

    /** The view of a key, if it has one. */
    public Optional<V> get(String key) {
        return entry(key).map(ViewEntry::view);
    }

    /** The view of a key with its sequence and revision, if it has one. */
    public Optional<ViewEntry<V>> entry(String key) {
        String encoded = ViewKeys.encode(key);
        return read(source -> source.bucket().read(encoded)
                .flatMap(entry -> source.codec().decode(source.bucket().name(), entry)
                        .map(view -> new ViewEntry<>(key, view, entry.sequence(), entry.revision()))));
    }

    /** Every view, sorted by key (one ordered consumer reads the bucket's last values). */
    public List<ViewEntry<V>> entries() {
        return read(source -> {
            List<ViewEntry<V>> entries = new ArrayList<>();
            for (ViewBucket.Entry entry : source.bucket().readAll()) {
                if (!ViewKeys.isOwn(entry.key())) {
                    source.codec().decode(source.bucket().name(), entry).ifPresent(view -> entries.add(
                            new ViewEntry<>(ViewKeys.decode(entry.key()), view, entry.sequence(), entry.revision())));
                }
            }
            entries.sort(Comparator.comparing(ViewEntry::key));
            return entries;
        });
    }

    /** The version reads are answered from now. */
    public int version() {
        return choose().version();
    }

    /**
     * What the bucket of this version says: {@link State#FAILED} while stopped on an event,
     * {@link State#LIVE} once ready and applied by some process, {@link State#CATCHING_UP} while
     * it is being built, {@link State#STOPPED} when no process holds it (or there is no bucket
     * yet); how far behind it is; and the last applied event as of the applying process's last
     * lease renewal.
     *
     * @throws ProjectionUnavailableException when the bucket gives no answer within the store's
     *                                        timeout (twice that at most): the status is not known,
     *                                        which is not the same as stopped
     */
    public ProjectionStatus status() {
        Source<V> own = source(projection.version());
        try {
            Optional<Lease.Holder> holder = Lease.holderOf(own.bucket());
            Optional<Markers.Stopped> failure = Markers.failure(own.bucket());
            boolean ready = Markers.ready(own.bucket());
            State state = failure.isPresent() ? State.FAILED : holder.isEmpty() ? State.STOPPED
                    : ready ? State.LIVE : State.CATCHING_UP;
            return new ProjectionStatus(projection.name(), projection.version(), state, behind(),
                    holder.map(Lease.Holder::lastApplied).orElse(null),
                    holder.map(Lease.Holder::lastSequence).orElse(0L), ready,
                    holder.map(Lease.Holder::process).orElse(null), failure.map(Markers.Stopped::message).orElse(null));
        } catch (DirectGet.DirectGetException e) {
            if (e.timedOut()) {
                throw unanswered(projection.version(), e);
            }
            // no bucket: no process has started this version
            return new ProjectionStatus(projection.name(), projection.version(), State.STOPPED, behind(), null, 0,
                    false, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionException(projection.name(), projection.version(), "interrupted", e);
        }
    }

    /**
     * A read against the chosen version; a bucket that vanished under it makes it choose again
     * once. A read that got no answer in time fails at once (the bucket told a direct get's from
     * a bucket that is gone; a consumer's is an IOException).
     */
    private <T> T read(Read<V, T> read) {
        for (int attempt = 1; ; attempt++) {
            Chosen<V> current = choose();
            try {
                return read.from(current.source());
            } catch (DirectGet.DirectGetException | IOException | JetStreamApiException e) {
                chosen = null;
                if (attempt == 2 || e instanceof IOException
                        || e instanceof DirectGet.DirectGetException get && get.timedOut()) {
                    throw unanswered(current.version(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProjectionException(projection.name(), projection.version(), "interrupted while reading views", e);
            }
        }
    }

    private Chosen<V> choose() {
        Chosen<V> current = chosen;
        if (current != null && System.nanoTime() < current.until()) {
            return current;
        }
        boolean ownBucket = true;
        for (int version = projection.version(); version >= 1; version--) {
            Source<V> source = source(version);
            try {
                if (Markers.ready(source.bucket())) {
                    current = new Chosen<>(version, source, System.nanoTime() + RECHECK_NANOS);
                    chosen = current;
                    return current;
                }
            } catch (DirectGet.DirectGetException missing) {
                if (missing.timedOut()) {
                    throw unanswered(version, missing); // not "no bucket": the server did not answer
                }
                // no bucket of this version
                ownBucket &= version != projection.version();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProjectionException(projection.name(), projection.version(), "interrupted", e);
            }
        }
        if (NoJetStream.on(store.connection())) {
            // "not ready yet, try again" would never come true
            throw new ProjectionException(projection.name(), projection.version(), "projection "
                    + projection.describe() + " cannot be read: " + NoJetStream.server(store.connection())
                    + ", where projections keep their views. " + NoJetStream.REMEDY, null);
        }
        String stopped = stoppedBeforeReady(ownBucket);
        if (stopped != null) {
            // "not ready yet, try again" would not come true either, until the projection is fixed
            throw new ProjectionException(projection.name(), projection.version(), "projection "
                    + projection.describe() + " cannot be read: no version of it is ready, and it stopped: " + stopped,
                    null);
        }
        long behind = behind();
        throw new ProjectionUnavailableException(projection.name(), projection.version(), "projection "
                + projection.describe() + " is not ready yet: it is being built from the start of the stream"
                + (behind >= 0 ? " (" + behind + " events to go)" : "") + "; try again shortly", null);
    }

    /**
     * Why the current version stopped (this process's projector, or the failure marker of its
     * bucket, unless the bucket did not answer just now); null if it did not. A marker stays until
     * a projector has applied the event it names, so for the moments between a projector's start
     * with fixed code and that event, readers still hear it stopped.
     */
    private String stoppedBeforeReady(boolean ownBucket) {
        String local = localFailure.get();
        if (local != null || !ownBucket) {
            return local; // no second wait for a bucket that just went unanswered
        }
        try {
            return Markers.failure(source(projection.version()).bucket()).map(Markers.Stopped::message).orElse(null);
        } catch (DirectGet.DirectGetException e) {
            return null; // no bucket, or no answer: nothing recorded to tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionException(projection.name(), projection.version(), "interrupted", e);
        }
    }

    private ProjectionUnavailableException unanswered(int version, Exception cause) {
        return new ProjectionUnavailableException(projection.name(), projection.version(), "the views of projection "
                + projection.name() + " v" + version + " cannot be read: " + cause.getMessage() + "; try again shortly",
                cause);
    }

    private Source<V> source(int version) {
        return sources.computeIfAbsent(version, v -> {
            Projection<?, V> generation = projection.withVersion(v);
            return new Source<>(new ViewBucket(store.connection(), generation.bucket(), store.options().timeout()),
                    new ViewCodec<>(generation, store.options().types().json()));
        });
    }

    private long behind() {
        try {
            ConsumerInfo info = Feed.info(store.connection().jetStreamManagement(), store.name(), projection.consumer());
            return info == null ? -1 : info.getNumPending() + info.getNumAckPending();
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            return -1;
        }
    }

    @FunctionalInterface
    private interface Read<V, T> {
        T from(Source<V> source) throws IOException, JetStreamApiException, InterruptedException;
    }
}

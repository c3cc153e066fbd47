package io.rita.test.memory;

import io.rita.eventstore.AppendResult;
import io.rita.eventstore.EncodedEvent;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventEncoding;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.Subjects;
import io.rita.eventstore.UnknownTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link EventStore} in memory, for tests: the JetStream store's semantics without a server.
 *
 * <pre>{@code
 * InMemoryEventStore store = new InMemoryEventStore("orders", RitaOptions.defaults().withTypes(types));
 * long seq = store.append("orders.1", List.of(Event.of(new OrderPlaced("book"))), Expected.sequence(0)).sequence();
 * LoadResult loaded = store.load("orders.*");
 *
 * // the same settings as the production store, e.g. its subjects
 * InMemoryEventStore kmm = new InMemoryEventStore(StoreConfig.of("kmm").withSubjects("kmm.events.>"), options);
 * }</pre>
 *
 * <p>Like the JetStream store: it binds {@code <name>.>} unless its configuration says other
 * subjects, and an append to (or a read of) a subject it does not bind fails with the same
 * {@link EventStoreException} (a store-setup failure: a service answers it as such);
 * a stream-wide sequence; the events of one append share one sequence and are stored all or
 * nothing; appends go to concrete subjects only ({@link IllegalArgumentException} otherwise);
 * an expected sequence that the subject does not have raises
 * {@link io.rita.eventstore.ConcurrencyConflictException}; an append whose first event id is
 * already stored is a retry and returns the original sequence (marked
 * {@link AppendResult#duplicate()}), also when it carries an expectation that no longer holds;
 * loads take wildcards ({@code *}, {@code >}) and {@code afterSequence}. It shares
 * {@link EventEncoding} with the JetStream store, so ids, times and data are filled in, checked
 * and encoded alike, and codec errors and {@link io.rita.eventstore.EventDecodingException}
 * come up where they would with NATS. Both stores pass {@code io.rita.test.EventStoreConformance}.
 *
 * <p>Retries are recognised within the configuration's duplicate window, measured on the
 * options' clock (so a test moves past it by moving its clock), and after it when the retry
 * carries an expectation and its message is still the subject's last, as with JetStream.
 * Differences, by design: there is no payload limit; replicas and storage are ignored.
 * Thread-safe.
 */
public final class InMemoryEventStore implements EventStore {

    private final StoreConfig config;
    private final RitaOptions options;
    private final EventEncoding encoding;
    private final Log log;

    /** An empty store with these settings (only the name and the subjects matter in memory). */
    public InMemoryEventStore(StoreConfig config, RitaOptions options) {
        this(Objects.requireNonNull(config, "config"), Objects.requireNonNull(options, "options"),
                new Log(config.duplicateWindow(), options.clock()));
    }

    /**
     * An empty store that binds {@code <name>.>}, as a JetStream store created with its defaults.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid stream name
     */
    public InMemoryEventStore(String name, RitaOptions options) {
        this(StoreConfig.of(name), options);
    }

    /**
     * An empty store that binds {@code <name>.>}, with {@link RitaOptions#defaults()}: the raw
     * registry, so data is {@code byte[]}.
     */
    public InMemoryEventStore(String name) {
        this(name, RitaOptions.defaults());
    }

    private InMemoryEventStore(StoreConfig config, RitaOptions options, Log log) {
        this.config = config;
        this.options = options;
        this.encoding = new EventEncoding(options);
        this.log = log;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public RitaOptions options() {
        return options;
    }

    /** This store's settings. */
    public StoreConfig config() {
        return config;
    }

    /**
     * This store's events seen through other options, e.g. a registry that lacks a type (as
     * when another program reads the same stream); appends through either are visible to both.
     */
    public InMemoryEventStore withOptions(RitaOptions other) {
        return new InMemoryEventStore(config, other, log);
    }

    /**
     * Runs {@code action} once, at the start of the next append (after its events are checked,
     * before its expectation is). An action that appends to the same subject plays a concurrent
     * writer that got in between a load and an append: the append then meets a conflict.
     * The action's own appends do not trigger it.
     */
    public void beforeNextAppend(Runnable action) {
        log.beforeNextAppend(Objects.requireNonNull(action, "action"));
    }

    /**
     * Forgets every event, as deleting and recreating the stream does: sequences start again at 1.
     * For testing what a service does when its store goes back (its caches must notice).
     */
    public void clear() {
        log.clear();
    }

    /** The sequence of the last append to any subject, {@code 0} when the store is empty. */
    @Override
    public long lastSequence() {
        return log.lastSequence();
    }

    @Override
    public AppendResult append(String subject, List<Event> events, Expected expected) {
        EventEncoding.checkExpected(expected);
        List<EncodedEvent> encoded = new ArrayList<>();
        for (EncodedEvent event : encoding.encode(subject, events)) {
            // the caller may reuse its byte[]; the JetStream store would have sent a copy
            encoded.add(copy(event));
        }
        requireBound(subject, "append to " + subject); // what nats-server answers too: no stream takes it
        Runnable action = log.takeBeforeNextAppend();
        if (action != null) {
            action.run();
        }
        return log.append(subject, encoded, expected);
    }

    @Override
    public LoadResult load(String subject, long afterSequence, UnknownTypes unknown) {
        EventEncoding.checkLoad(subject, afterSequence);
        Objects.requireNonNull(unknown, "unknown");
        if (Subjects.isConcrete(subject)) {
            requireBound(subject, "read " + subject); // as the JetStream store, once it knows its stream
        }
        Log.Read read = log.read(subject, afterSequence);
        List<StoredEvent> events = new ArrayList<>();
        for (Appended appended : read.appends()) {
            for (EncodedEvent event : appended.events()) {
                events.add(encoding.decode(copy(event), appended.subject(), appended.sequence(), unknown));
            }
        }
        return new LoadResult(events, read.lastSequence());
    }

    private static EncodedEvent copy(EncodedEvent event) {
        return new EncodedEvent(event.id(), event.time(), event.type(), event.version(), event.codec(), event.meta(),
                event.data().clone());
    }

    private void requireBound(String subject, String action) {
        EventEncoding.checkTaken(config.name(), config.subjects(), subject, action);
    }
}

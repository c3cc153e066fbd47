package io.rita.test.memory;

import io.rita.eventstore.AppendOptions;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.Subjects;
import io.rita.internal.EventEncoding;
import io.rita.internal.LoadArguments;
import io.rita.internal.WireEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link EventStore} in memory, for tests: the JetStream store's semantics without a server.
 *
 * <pre>{@code
 * InMemoryEventStore store = new InMemoryEventStore("orders", RitaOptions.defaults().withTypes(types));
 * long seq = store.append("orders.1", List.of(Event.of(new OrderPlaced("book"))), AppendOptions.expect(0));
 * LoadResult loaded = store.load("orders.*");
 *
 * // a stream created with other subjects, as with JetStreamEventStore.create(c -> c.subjects("kmm.events.>"))
 * InMemoryEventStore kmm = new InMemoryEventStore("kmm", options, List.of("kmm.events.>"));
 * }</pre>
 *
 * <p>Like the JetStream store: it binds {@code <name>.>} unless given other subjects, and an
 * append to a subject it does not bind fails with {@link EventStoreException}; a stream-wide
 * sequence; the events of one append share one sequence and are stored all or nothing;
 * appends go to concrete subjects only ({@link IllegalArgumentException} otherwise); an
 * expected sequence that the subject does not have raises
 * {@link io.rita.eventstore.ConcurrencyConflictException}; an append whose first event id is
 * already stored is a retry and returns the original sequence, also when it carries an
 * expectation that no longer holds; loads take wildcards ({@code *}, {@code >}) and
 * {@code afterSequence}. Ids and times are filled in from the options, and data goes through
 * the options' type registry on append and on load, so that codec errors and
 * {@link io.rita.eventstore.UnknownEventTypeException} come up where they would with NATS.
 * Both stores pass {@code io.rita.test.EventStoreConformance}.
 *
 * <p>Differences, by design: retries are recognised forever (JetStream: within the duplicate
 * window, two minutes by default); there is no payload limit. Thread-safe.
 */
public final class InMemoryEventStore implements EventStore {

    private final String name;
    private final List<String> subjects;
    private final List<SubjectFilter> bound;
    private final EventEncoding encoding;
    private final Log log;

    /**
     * An empty store that binds {@code subjects}, like a stream created with them.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid stream name, or
     *                                  {@code subjects} is empty or holds an invalid subject or filter
     */
    public InMemoryEventStore(String name, RitaOptions options, List<String> subjects) {
        this(checkName(name), options, checkSubjects(subjects), new Log());
    }

    /**
     * An empty store that binds {@code <name>.>}, as a JetStream store created with its defaults.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid stream name
     */
    public InMemoryEventStore(String name, RitaOptions options) {
        this(name, options, List.of(checkName(name) + ".>"));
    }

    /**
     * An empty store that binds {@code <name>.>}, with {@link RitaOptions#defaults()}: no
     * registry, so data is {@code byte[]}.
     */
    public InMemoryEventStore(String name) {
        this(name, RitaOptions.defaults());
    }

    private InMemoryEventStore(String name, RitaOptions options, List<String> subjects, Log log) {
        this.name = name;
        this.subjects = subjects;
        this.bound = subjects.stream().map(SubjectFilter::of).toList();
        this.encoding = new EventEncoding(Objects.requireNonNull(options, "options"));
        this.log = log;
    }

    private static String checkName(String name) {
        // the same rule as a JetStream stream name, so a test cannot use a name production refuses
        if (!Subjects.isToken(name) || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("store name must be a valid stream name (one token, no '.', '*', '>', "
                    + "'/', '\\' or whitespace), was '" + name + "'");
        }
        return name;
    }

    private static List<String> checkSubjects(List<String> subjects) {
        Objects.requireNonNull(subjects, "subjects");
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a store must bind at least one subject, e.g. \"orders.>\"");
        }
        for (String subject : subjects) {
            if (!Subjects.isFilter(subject)) {
                throw new IllegalArgumentException("a store binds subjects or filters, was '" + subject + "'");
            }
        }
        return List.copyOf(subjects);
    }

    @Override
    public String name() {
        return name;
    }

    /** The subjects this store binds: {@code <name>.>} unless given others. */
    public List<String> subjects() {
        return subjects;
    }

    /**
     * This store's events seen through other options, e.g. a registry that lacks a type (as
     * when another program reads the same stream); appends through either are visible to both.
     */
    public InMemoryEventStore withOptions(RitaOptions options) {
        return new InMemoryEventStore(name, options, subjects, log);
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

    /** The sequence of the last append to any subject, {@code 0} when the store is empty. */
    public long lastSequence() {
        return log.lastSequence();
    }

    @Override
    public long append(String subject, List<Event> events, AppendOptions options) {
        Subjects.requireConcrete(subject);
        Objects.requireNonNull(options, "options");
        List<WireEvent> wire = new ArrayList<>();
        for (WireEvent event : encoding.encode(events)) {
            // the caller may reuse its byte[]; the JetStream store would have sent a copy
            wire.add(copy(event));
        }
        if (bound.stream().noneMatch(filter -> filter.matches(subject))) {
            // what nats-server answers too: the publish finds no stream to take it
            throw new EventStoreException(subject, "cannot append to " + subject + ": no stream binds that subject "
                    + "(store '" + name + "' binds " + String.join(", ", subjects) + ")");
        }
        Runnable action = log.takeBeforeNextAppend();
        if (action != null) {
            action.run();
        }
        return log.append(subject, wire, options.expected());
    }

    @Override
    public LoadResult load(String subject, long afterSequence) {
        LoadArguments.check(subject, afterSequence);
        Log.Read read = log.read(SubjectFilter.of(subject), afterSequence);
        List<Event> events = new ArrayList<>();
        for (Appended appended : read.appends()) {
            for (WireEvent event : appended.events()) {
                events.add(encoding.decode(copy(event), appended.subject(), appended.sequence()));
            }
        }
        return new LoadResult(events, read.lastSequence());
    }

    private static WireEvent copy(WireEvent event) {
        return new WireEvent(event.id(), event.time(), event.type(), event.codec(), event.meta(), event.data().clone());
    }
}

package io.rita.test;

import io.rita.aggregate.EngineOptions;
import io.rita.eventstore.Event;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.service.DispatchOptions;
import io.rita.service.Dispatcher;
import io.rita.service.Reply;
import io.rita.service.Request;
import io.rita.service.Route;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.types.TypeRegistry;
import org.opentest4j.AssertionFailedError;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One handler scenario: events in the store, a request, and optionally a concurrent writer.
 *
 * @param types      encodes the events
 * @param subjects   the subjects the store binds
 * @param routes     builds the routes from the clock
 * @param dispatch   adjusts the dispatch options
 * @param clock      the scenario's fixed clock
 * @param given      events stored before the request
 * @param request    the request to serve
 * @param concurrent events another writer appends just before the handler's first append to their subject
 */
record HandlerScenario(TypeRegistry types, List<String> subjects,
                       Function<Clock, ? extends List<? extends Route>> routes, UnaryOperator<DispatchOptions> dispatch,
                       Clock clock, List<Appended> given, Request request, List<Appended> concurrent) {

    /** The name of every scenario's store; routes see only its subjects. */
    static final String STORE = "handler";

    /**
     * Events for one subject, each stored as its own append.
     *
     * @param subject the aggregate subject
     * @param events  event records, or {@link Event}s for control over id, time and meta
     */
    record Appended(String subject, List<Object> events) {
    }

    /** This scenario with one more concurrent append. */
    HandlerScenario withConcurrent(Appended appended) {
        List<Appended> more = new ArrayList<>(concurrent);
        more.add(appended);
        return new HandlerScenario(types, subjects, routes, dispatch, clock, given, request, List.copyOf(more));
    }

    /**
     * Stores the given events, serves the request through a fresh dispatcher, and collects what
     * it stored; fails when a concurrent append did not race the handler into a conflict.
     */
    Handled run() {
        // the store's ids are the engine's command ids; given events get ids of their own (store())
        AtomicInteger commandIds = new AtomicInteger();
        InMemoryEventStore store = new InMemoryEventStore(StoreConfig.of(STORE).withSubjects(subjects.toArray(String[]::new)),
                RitaOptions.defaults().withTypes(types).withClock(clock)
                        .withIds(() -> "command-" + commandIds.incrementAndGet()));
        AtomicInteger eventIds = new AtomicInteger();
        for (Appended appended : given) {
            store(store, appended, "given", eventIds);
        }
        DispatchOptions options = dispatch.apply(DispatchOptions.defaults()
                // a retry needs no pause here: the concurrent writer has already written
                .withEngine(EngineOptions.defaults().withBackoff(Duration.ZERO, Duration.ZERO)));
        ConcurrentWriter writer = new ConcurrentWriter(store, concurrent, a -> store(store, a, "concurrent", eventIds));
        Dispatcher dispatcher = Dispatcher.of(writer, routes.apply(clock), options);

        long before = store.lastSequence();
        Reply reply = dispatcher.dispatch(request);
        if (!writer.neverRaced().isEmpty()) {
            String subject = writer.neverRaced().iterator().next();
            throw fail("the concurrent append to " + subject + " never happened: the handler appended nothing to "
                    + subject + ", so nothing raced it; the reply was " + reply, null);
        }
        if (!writer.racedWithoutConflict().isEmpty()) {
            String subject = writer.racedWithoutConflict().get(0);
            throw fail("the concurrent append to " + subject + " caused no conflict: the handler's append to "
                    + subject + " after it went through (no expected sequence, or a retry of events already "
                    + "stored), so the conflict path was not tested; the reply was " + reply, null);
        }
        List<StoredEvent> stored = store.load(">", before).events().stream()
                .filter(event -> !writer.wrote(event.sequence()))
                .toList();
        return new Handled(reply, stored, store);
    }

    /** The scenario in one line. */
    String describe() {
        StringBuilder out = new StringBuilder("Scenario: at ").append(Scenario.describeTime(clock));
        if (given.isEmpty()) {
            out.append(" given no events");
        }
        for (int i = 0; i < given.size(); i++) {
            out.append(i == 0 ? " given " : " and ").append(given.get(i).subject()).append(' ')
                    .append(Scenario.describeAll(given.get(i).events()));
        }
        out.append(" when request ").append(request.subject()).append(' ')
                .append(new String(request.body(), StandardCharsets.UTF_8));
        if (!request.headers().isEmpty()) {
            out.append(" with headers ").append(request.headers());
        }
        for (Appended appended : concurrent) {
            out.append(" while another writer appends to ").append(appended.subject()).append(' ')
                    .append(Scenario.describeAll(appended.events()));
        }
        return out.toString();
    }

    /** A failure that starts with the scenario. */
    AssertionFailedError fail(String problem, Throwable cause) {
        return new AssertionFailedError(describe() + "\n" + problem, cause);
    }

    /** A failure that starts with the scenario and carries expected and actual for an IDE's diff view. */
    AssertionFailedError fail(String problem, Object expected, Object actual) {
        return new AssertionFailedError(describe() + "\n" + problem, expected, actual);
    }

    private List<Long> store(InMemoryEventStore store, Appended appended, String which, AtomicInteger ids) {
        List<Long> sequences = new ArrayList<>();
        for (Object data : appended.events()) {
            Event event = data instanceof Event e ? e : Event.of(data);
            if (event.id() == null) {
                event = event.withId("event-" + ids.incrementAndGet());
            }
            try {
                sequences.add(store.append(appended.subject(), List.of(event)).sequence());
            } catch (RuntimeException e) {
                throw fail("cannot store the " + which + " event " + Structure.describe(data) + " on "
                        + appended.subject() + ": " + e.getMessage(), e);
            }
        }
        return sequences;
    }
}

package io.rita.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.aggregate.EngineOptions;
import io.rita.aggregate.Snapshots;
import io.rita.eventstore.JetStreamSnapshotStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.service.Route;
import io.rita.service.DispatchOptions;
import io.rita.service.Dispatcher;
import io.rita.service.ServiceOptions;
import io.rita.service.ServiceRunner;
import io.rita.types.Codec;

import java.io.IOException;
import java.util.List;

/**
 * The three services the command benchmarks talk to, side by side on one nats-server, one
 * connection and one stream:
 * <ul>
 *   <li>Rita's {@link ServiceRunner} with the {@link Counter} decider on
 *       {@code svc.bench.<aggregate>.add} (events on {@code bench.events.<aggregate>});</li>
 *   <li>the hand-written baseline {@link HandWrittenCommandService} on
 *       {@code hand.bench.<aggregate>.add} (events on {@code bench.handevents.<aggregate>}):
 *       synchronous appends expecting the last sequence, serialised per aggregate;</li>
 *   <li>the raw floor {@link RawCommandService} on {@code raw.bench.<aggregate>.add} (events on
 *       {@code bench.rawevents.<aggregate>}): asynchronous appends, no expectation, no order.</li>
 * </ul>
 *
 * <pre>{@code
 * try (CommandServices services = CommandServices.start()) {
 *     CommandClient client = new CommandClient(services.testbed().connect());
 *     client.add(CommandServices.ritaSubject("a1"));
 *     client.add(CommandServices.handWrittenSubject("a1"));
 * }
 * }</pre>
 *
 * <p>Requests live outside the stream's subjects ({@code bench.>}), so JetStream never stores them.
 */
public final class CommandServices implements AutoCloseable {

    /** Configured like Rita's JSON codec, so that both sides encode alike. */
    private static final ObjectMapper JSON = Codec.jsonMapper();

    private final Testbed testbed;
    private final Dispatcher dispatcher;
    private final ServiceRunner runner;
    private final HandWrittenCommandService handWritten;
    private final RawCommandService floor;

    private CommandServices(Testbed testbed, Dispatcher dispatcher, ServiceRunner runner,
                            HandWrittenCommandService handWritten, RawCommandService floor) {
        this.testbed = testbed;
        this.dispatcher = dispatcher;
        this.runner = runner;
        this.handWritten = handWritten;
        this.floor = floor;
    }

    /** Starts a server, the store, Rita's service with default dispatch options, the hand-written baseline and the floor. */
    public static CommandServices start() {
        return start(false);
    }

    /**
     * Starts a server, the store, Rita's service and the floor; with {@code snapshots}, the engine
     * keeps snapshots in the store's snapshot stream (the framework's defaults: every 100 events,
     * or after a cold load slower than 20 ms).
     */
    public static CommandServices start(boolean snapshots) {
        return start(snapshots ? EngineOptions.defaults() : null, s -> s);
    }

    /**
     * Starts them with {@code engine} options for Rita's service and snapshots in the store's
     * snapshot stream, set by {@code snapshots} from the defaults ({@code Snapshots.in(stream)});
     * {@code engine == null}: the defaults without snapshots.
     */
    public static CommandServices start(EngineOptions engine, java.util.function.UnaryOperator<Snapshots> snapshots) {
        Testbed testbed = Testbed.start(RitaOptions.defaults().withTypes(Counter.types()), Payload.JSON);
        try {
            DispatchOptions options = DispatchOptions.defaults();
            if (engine != null) {
                JetStreamSnapshotStore store = Rita.of(testbed.connection()).snapshotStore(Testbed.STORE);
                store.ensure();
                options = options.withEngine(engine.withSnapshots(snapshots.apply(Snapshots.in(store))));
            }
            Route add = Route.command("svc.bench.*.add",
                    Counter.Add.class, (request, command) -> "bench.events." + request.token(2), new Counter());
            Dispatcher dispatcher = Dispatcher.of(testbed.store(), List.of(add), options);
            ServiceRunner runner = ServiceRunner.start(testbed.connection(), dispatcher,
                    ServiceOptions.of("bench", "1.0.0", "Rita benchmark counter"));
            HandWrittenCommandService handWritten = HandWrittenCommandService.start(testbed.connection(),
                    Testbed.STORE, "hand.bench.*.add", "bench.handevents", Counter.ADDED, CommandServices::added);
            return new CommandServices(testbed, dispatcher, runner, handWritten,
                    RawCommandService.start(testbed.connection()));
        } catch (RuntimeException e) {
            testbed.close();
            throw e;
        }
    }

    /** The request subject of Rita's service for one aggregate (one token). */
    public static String ritaSubject(String aggregate) {
        return "svc.bench." + aggregate + ".add";
    }

    /** The request subject of the hand-written baseline for one aggregate (one token). */
    public static String handWrittenSubject(String aggregate) {
        return "hand.bench." + aggregate + ".add";
    }

    /** The request subject of the raw floor for one aggregate (one token). */
    public static String rawSubject(String aggregate) {
        return "raw.bench." + aggregate + ".add";
    }

    /** The hand-written baseline. */
    public HandWrittenCommandService handWritten() {
        return handWritten;
    }

    /** The server, connection and store underneath. */
    public Testbed testbed() {
        return testbed;
    }

    /**
     * Empties the engine's aggregate cache (through the dispatcher), so that the next command loads
     * its aggregate in full.
     */
    public void clearCache() {
        dispatcher.clearCache();
    }

    /**
     * Stores a snapshot of every cached aggregate with events since its last one, as a graceful
     * stop does (it leaves the cache as it is; {@link #clearCache()} then makes them cold).
     */
    public void snapshotCached() {
        if (!dispatcher.snapshotCached(java.time.Duration.ofSeconds(60))) {
            throw new IllegalStateException("the snapshots of the cached aggregates were not stored within 60 s");
        }
    }

    /** The hand-written baseline's decision: {@code {"amount":n}} becomes {@code {"amount":n}}, n positive. */
    private static byte[] added(byte[] body) throws IOException {
        Counter.Add add = JSON.readValue(body, Counter.Add.class);
        if (add == null || add.amount() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        return JSON.writeValueAsBytes(new Counter.Added(add.amount()));
    }

    /** Stops the services, then the server. */
    @Override
    public void close() {
        try {
            runner.close();
            handWritten.close();
            floor.close();
        } finally {
            testbed.close();
        }
    }
}

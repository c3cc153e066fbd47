package io.rita.bench;

import io.nats.client.Message;
import io.rita.aggregate.AggregateEngine;
import io.rita.aggregate.EngineOptions;
import io.rita.aggregate.Snapshots;
import io.rita.eventstore.AppendResult;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.SnapshotStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first command on a cold aggregate (not in the engine's cache), through Rita's service
 * runner, one client, with snapshots on (the framework's defaults), by the length of the
 * aggregate's history: {@code events} = 0 (a fresh aggregate: the baseline), 1, 3, 10 and 100
 * (short histories: no snapshot, every event read), 10,000 and 100,000 (long histories: the
 * snapshot and the events after it).
 *
 * <p>Single shots, so that every short-history command meets an aggregate of exactly
 * {@code events} events: each shot takes the next of a pool of aggregates seeded alike. A long
 * history is one aggregate whose cache entry is dropped before each shot; it grows by one event
 * per shot, and its snapshot is renewed every 100 events, so each shot reads a tail of 0 to 99
 * events after the snapshot, as a service restarted after a crash would (a graceful stop leaves a
 * snapshot of the last event: {@link ColdCommandRun}'s "left" rows). Every event of the history is
 * followed by one event of another subject.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 100)
@Measurement(iterations = 400)
public class ColdCommandBenchmark {

    /** Histories of at most this many events are short: a pool of fresh aggregates, one per shot. */
    private static final int SHORT = 100;
    private static final int POOL = 520; // warm-up and measured shots, and a few to spare
    /** Commands of each kind run before the shots, so that the shots meet compiled code. */
    private static final int WARM_UP = 1_500;

    @Param({"0", "1", "3", "10", "100", "10000", "100000"})
    public int events;

    private CommandServices services;
    private CommandClient client;
    private int next;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        services = CommandServices.start(true);
        client = new CommandClient(services.testbed().connect());
        JetStreamEventStore store = services.testbed().store();
        warmUp(services, client);
        if (events <= SHORT) {
            for (int i = 0; i < POOL; i++) {
                seed(store, "s" + i, events);
            }
            return;
        }
        seedLong(services, "long", events);
    }

    /**
     * Seeds {@code aggregate} with {@code events} events, then folds it once with snapshots on: the
     * first cold load reads every event (seconds for 100,000 on a busy machine, longer than a
     * client waits), which is slow enough to take the snapshot the shots then start from.
     */
    static void seedLong(CommandServices services, String aggregate, int events) throws InterruptedException {
        JetStreamEventStore store = services.testbed().store();
        seed(store, aggregate, events);
        SnapshotStore snapshots = Rita.of(services.testbed().connection()).snapshotStore(Testbed.STORE);
        AggregateEngine.of(store, new Counter(), EngineOptions.defaults().withSnapshots(Snapshots.in(snapshots)))
                .read("bench.events." + aggregate);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (snapshots.read("bench.events." + aggregate).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no snapshot of " + aggregate + " within 120 s");
            }
            Thread.sleep(10);
        }
    }

    /**
     * Runs every path of a shot a few thousand times before the first one: 100 single-shot warm-ups
     * leave the JVM partly interpreted (C2 compiles after thousands of calls), and on 2 cores the
     * compiler threads compete with the measured shots, which made the runs disagree by a third.
     * Cold commands on fresh aggregates, on short histories, and on a long one with its snapshot.
     */
    static void warmUp(CommandServices services, CommandClient client) {
        JetStreamEventStore store = services.testbed().store();
        seed(store, "warm-short", 10);
        seed(store, "warm-long", 150);
        for (int i = 0; i < WARM_UP; i++) {
            services.clearCache();
            client.add(CommandServices.ritaSubject("warm-fresh-" + i));
            client.add(CommandServices.ritaSubject(i % 2 == 0 ? "warm-short" : "warm-long"));
        }
    }

    static void seed(JetStreamEventStore store, String aggregate, int count) {
        List<Event> added = List.of(Event.of(new Counter.Added(1)));
        List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(store.appendAsync("bench.events." + aggregate, added, Expected.any()));
            pending.add(store.appendAsync("bench.events.other-" + aggregate, added, Expected.any()));
            if (pending.size() >= 4_000) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new)).join();
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new)).join();
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        services.close();
    }

    @Benchmark
    public Message firstCommand() {
        if (events <= SHORT) {
            return client.add(CommandServices.ritaSubject("s" + next++));
        }
        services.clearCache();
        return client.add(CommandServices.ritaSubject("long"));
    }
}

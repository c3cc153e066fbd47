package io.rita.bench;

import io.nats.client.Message;
import io.rita.eventstore.AppendResult;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * What a long history costs a command, one client, through Rita's service runner: a command on
 * an aggregate that already holds {@value #HISTORY} events and sits in the engine's cache
 * ({@code cached}), the same with the cache emptied before every command ({@code uncached}: the
 * full history is loaded each time), and a command on a fresh aggregate with no events
 * ({@code fresh}, the baseline of both). Sample mode, latency per command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class HistoryBenchmark {

    static final int HISTORY = 10_000;
    private static final String LONG = "long";

    private CommandServices services;
    private CommandClient client;
    private String longSubject;
    private long freshAggregates;

    @Setup(Level.Trial)
    public void start() {
        services = CommandServices.start();
        seed(services.testbed().store());
        client = new CommandClient(services.testbed().connect());
        longSubject = CommandServices.ritaSubject(LONG);
        client.add(longSubject); // the first command loads the history; from here on it is cached
    }

    private static void seed(JetStreamEventStore store) {
        List<Event> added = List.of(Event.of(new Counter.Added(1)));
        List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
        for (int i = 0; i < HISTORY; i++) {
            pending.add(store.appendAsync("bench.events." + LONG, added, Expected.any()));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new)).join();
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        services.close();
    }

    @Benchmark
    public Message cached() {
        return client.add(longSubject);
    }

    @Benchmark
    public Message uncached() {
        services.clearCache();
        return client.add(longSubject);
    }

    @Benchmark
    public Message fresh() {
        return client.add(CommandServices.ritaSubject("f" + freshAggregates++));
    }
}

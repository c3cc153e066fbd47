package io.rita.bench;

import io.rita.eventstore.AppendResult;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.LoadResult;
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
 * Loading one subject's {@code events} events from a stream in which every one of them is
 * followed by {@value #INTERLEAVED} events of other subjects: Rita's {@code load} against a raw
 * direct get ({@code last_by_subj}, the cut-off) plus an ordered push consumer read up to that
 * sequence, each rebuilding id, time, type and data of every event. One operation = one load;
 * events/s = operations/s x {@code events} (see {@link Report}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
// a load decodes thousands of messages: give the JIT one more warm-up round than the appends get
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LoadBenchmark {

    static final int INTERLEAVED = 2;
    private static final String SUBJECT = "bench.load.target";
    private static final int OTHER_SUBJECTS = 100;

    /** How many events the loaded subject holds. */
    @Param({"1000", "10000"})
    public int events;

    /** {@code binary} or {@code json}, see {@link Payload}. */
    @Param({"binary", "json"})
    public String payload;

    private Testbed testbed;

    @Setup(Level.Trial)
    public void start() {
        Payload chosen = Payload.named(payload);
        testbed = Testbed.start(chosen);
        seed(testbed.store(), List.of(chosen.event()));
        // Not a timed check: a precondition that both sides read the same, complete history.
        int rita = testbed.store().load(SUBJECT).events().size();
        int raw = testbed.raw().load(SUBJECT).size();
        if (rita != events || raw != events) {
            throw new IllegalStateException("expected " + events + " events, Rita loaded " + rita + ", raw " + raw);
        }
    }

    // Written through Rita so that the stored format is Rita's by definition; raw reads the same messages.
    private void seed(JetStreamEventStore store, List<Event> event) {
        List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            pending.add(store.appendAsync(SUBJECT, event, Expected.any()));
            for (int j = 0; j < INTERLEAVED; j++) {
                String other = "bench.load.other." + ((i * INTERLEAVED + j) % OTHER_SUBJECTS);
                pending.add(store.appendAsync(other, event, Expected.any()));
            }
            if (pending.size() >= 1_000) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new)).join();
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new)).join();
    }

    @TearDown(Level.Trial)
    public void stop() {
        testbed.close();
    }

    @Benchmark
    public LoadResult rita() {
        return testbed.store().load(SUBJECT);
    }

    @Benchmark
    public List<RawEvent> raw() {
        return testbed.raw().load(SUBJECT);
    }
}

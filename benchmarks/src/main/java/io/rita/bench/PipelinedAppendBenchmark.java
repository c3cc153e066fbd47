package io.rita.bench;

import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Pipelined appends across 1,000 subjects: one invocation appends one event to each subject,
 * each expecting that subject's last sequence, with at most {@code window} appends waiting for
 * their acknowledgement at any time, and then waits for the rest. Rita's {@code appendAsync}
 * against raw {@code JetStream.publishAsync} with the same headers. One operation = one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelinedAppendBenchmark {

    static final int SUBJECTS = 1_000;

    /** {@code binary} or {@code json}, see {@link Payload}. */
    @Param({"binary", "json"})
    public String payload;

    /** How many appends may wait for their acknowledgement at once. */
    @Param({"256"})
    public int window;

    private Testbed testbed;
    private List<Event> events;
    private String[] subjects;
    // Written by acknowledgement callbacks, read after joining them all (which orders the accesses).
    private long[] last;
    private Semaphore outstanding;

    @Setup(Level.Trial)
    public void start() {
        Payload chosen = Payload.named(payload);
        testbed = Testbed.start(chosen);
        events = List.of(chosen.event());
        subjects = new String[SUBJECTS];
        for (int i = 0; i < SUBJECTS; i++) {
            subjects[i] = "bench.pipelined." + i;
        }
        last = new long[SUBJECTS];
        outstanding = new Semaphore(window);
    }

    @TearDown(Level.Trial)
    public void stop() {
        testbed.close();
    }

    @Benchmark
    @OperationsPerInvocation(SUBJECTS)
    public long[] rita() throws InterruptedException {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[SUBJECTS];
        for (int i = 0; i < SUBJECTS; i++) {
            int subject = i;
            outstanding.acquire();
            acks[i] = testbed.store().appendAsync(subjects[i], events, Expected.sequence(last[i]))
                    .thenAccept(appended -> last[subject] = appended.sequence())
                    .whenComplete((ignored, error) -> outstanding.release());
        }
        CompletableFuture.allOf(acks).join();
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(SUBJECTS)
    public long[] raw() throws InterruptedException {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[SUBJECTS];
        for (int i = 0; i < SUBJECTS; i++) {
            int subject = i;
            outstanding.acquire();
            acks[i] = testbed.raw().appendAsync(subjects[i], last[i])
                    .thenAccept(sequence -> last[subject] = sequence)
                    .whenComplete((ignored, error) -> outstanding.release());
        }
        CompletableFuture.allOf(acks).join();
        return last;
    }
}

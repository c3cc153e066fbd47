package io.rita.bench;

import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event at a time, each waiting for its acknowledgement, each expecting the subject's last
 * sequence (the previous append's): Rita's {@code append} against raw {@code JetStream.publish}
 * with the same headers. One operation = one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class SingleAppendBenchmark {

    private static final String SUBJECT = "bench.single.1";

    /** {@code binary} or {@code json}, see {@link Payload}. */
    @Param({"binary", "json"})
    public String payload;

    private Testbed testbed;
    private List<Event> events;
    private long last;

    @Setup(Level.Trial)
    public void start() {
        Payload chosen = Payload.named(payload);
        testbed = Testbed.start(chosen);
        events = List.of(chosen.event());
        last = 0;
    }

    @TearDown(Level.Trial)
    public void stop() {
        testbed.close();
    }

    @Benchmark
    public long rita() {
        last = testbed.store().append(SUBJECT, events, Expected.sequence(last)).sequence();
        return last;
    }

    @Benchmark
    public long raw() {
        last = testbed.raw().append(SUBJECT, last);
        return last;
    }
}

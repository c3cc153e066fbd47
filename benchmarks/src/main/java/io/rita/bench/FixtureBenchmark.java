package io.rita.bench;

import io.rita.test.DeciderFixture;
import io.rita.test.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Given/when/then scenarios per second with the test kit's {@link DeciderFixture}, its checks
 * included (the state folded step by step against the fold of all events). One operation = one
 * scenario. No NATS. There is no raw baseline: the same scenario written by hand is a few
 * constant-folded calls that the JIT reduces to almost nothing, which would compare with nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
// pure CPU, no server: steady after a second
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class FixtureBenchmark {

    private static final List<Counter.Added> GIVEN =
            List.of(new Counter.Added(2), new Counter.Added(3), new Counter.Added(5));
    private static final Counter.Add WHEN = new Counter.Add(4);
    private static final List<Counter.Added> THEN = List.of(new Counter.Added(4));

    private final DeciderFixture<Counter.Add, Counter.Added, Counter.Total> fixture = DeciderFixture.of(new Counter());

    @Benchmark
    public Outcome<Counter.Added, Counter.Total> rita() {
        return fixture.given(GIVEN).when(WHEN).then(THEN);
    }
}

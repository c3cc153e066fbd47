package io.rita.bench;

import io.nats.client.Message;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * Commands end to end (request -> decode -> decide on the cached state -> append with the
 * expected sequence -> reply) through Rita's service runner, against two baselines on the same
 * server ({@link CommandServices}): the hand-written service a careful user would write
 * ({@link HandWrittenCommandService}: synchronous appends expecting the last sequence, one lock
 * per aggregate), and the floor of raw request/reply plus an asynchronous raw append of the same
 * event without any expectation ({@link RawCommandService}). Each client is a thread with its own
 * connection sending one command at a time: 1 client, or 16 at once ({@code ...Concurrent});
 * all on one hot aggregate or spread round-robin over 1,000. Sample mode: JMH reports the
 * latency distribution (p50, p99); commands/s = clients / mean latency (see {@link Report}).
 * {@code bin/bench paired Command} runs the same three side by side in one JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class CommandBenchmark {

    /** How many aggregates the commands go to. */
    @Param({"1", "1000"})
    public int aggregates;

    private CommandServices services;
    private String[] ritaSubjects;
    private String[] handWrittenSubjects;
    private String[] rawSubjects;

    @Setup(Level.Trial)
    public void start() {
        services = CommandServices.start();
        ritaSubjects = new String[aggregates];
        handWrittenSubjects = new String[aggregates];
        rawSubjects = new String[aggregates];
        for (int i = 0; i < aggregates; i++) {
            ritaSubjects[i] = CommandServices.ritaSubject("a" + i);
            handWrittenSubjects[i] = CommandServices.handWrittenSubject("a" + i);
            rawSubjects[i] = CommandServices.rawSubject("a" + i);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        services.close();
    }

    /** One client: a connection, and where it sends its next command. */
    @State(Scope.Thread)
    public static class Client {
        private CommandClient client;
        private int next;

        @Setup(Level.Trial)
        public void connect(CommandBenchmark benchmark, ThreadParams thread) {
            client = new CommandClient(benchmark.services.testbed().connect());
            // clients start apart, so that with many aggregates they rarely meet on one
            next = thread.getThreadIndex() * (benchmark.aggregates / Math.max(1, thread.getThreadCount()));
        }

        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }

        int nextAggregate(int count) {
            int aggregate = next % count;
            next = aggregate + 1;
            return aggregate;
        }
    }

    @Benchmark
    @Threads(1)
    public Message rita(Client client) {
        return client.client.add(ritaSubjects[client.nextAggregate(aggregates)]);
    }

    @Benchmark
    @Threads(1)
    public Message handWritten(Client client) {
        return client.client.add(handWrittenSubjects[client.nextAggregate(aggregates)]);
    }

    @Benchmark
    @Threads(1)
    public Message raw(Client client) {
        return client.client.add(rawSubjects[client.nextAggregate(aggregates)]);
    }

    @Benchmark
    @Threads(16)
    public Message ritaConcurrent(Client client) {
        return client.client.add(ritaSubjects[client.nextAggregate(aggregates)]);
    }

    @Benchmark
    @Threads(16)
    public Message handWrittenConcurrent(Client client) {
        return client.client.add(handWrittenSubjects[client.nextAggregate(aggregates)]);
    }

    @Benchmark
    @Threads(16)
    public Message rawConcurrent(Client client) {
        return client.client.add(rawSubjects[client.nextAggregate(aggregates)]);
    }
}

package io.rita.bench;

import io.rita.eventstore.RitaOptions;
import io.rita.service.Route;
import io.rita.service.DispatchOptions;
import io.rita.service.Dispatcher;
import io.rita.service.Reply;
import io.rita.service.Request;
import io.rita.test.memory.InMemoryEventStore;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The framework's own cost per command, without NATS: CPU time and bytes allocated by the one
 * thread that sends requests through the {@link Dispatcher} (subject and body checks, decoding,
 * the route) and the engine (the aggregate's line, the cache, deciding, the append's encoding
 * and checks, the outcome, the reply body) onto the test kit's in-memory store, round-robin over
 * 1 and 1,000 aggregates. The thread's CPU time, unlike a rate, hardly moves when other work
 * shares the machine; garbage collection is not in it (the bytes are).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.rita.bench.DispatchCost
 * }</pre>
 *
 * <p>It is the part of Rita's command path that the NATS benchmarks ({@link CommandBenchmark},
 * {@code bin/bench paired Command}) cannot separate from jnats and nats-server. Per case: 8
 * warm-up rounds, then 12 rounds of 100,000 commands on an emptied store; it prints the median
 * and the lowest-highest of the rounds.
 */
public final class DispatchCost {

    private static final int COMMANDS = 100_000;
    private static final int WARMUP_ROUNDS = 8;
    private static final int ROUNDS = 12;

    private DispatchCost() {
    }

    /** Prints the table; no arguments. */
    public static void main(String[] args) {
        System.out.println("| aggregates | CPU µs per command (median) | lowest-highest | bytes per command (median) |"
                + " lowest-highest |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (int aggregates : List.of(1, 1_000)) {
            System.out.println("| " + aggregates + " | " + measure(aggregates) + " |");
        }
    }

    private static String measure(int aggregates) {
        InMemoryEventStore store = new InMemoryEventStore(Testbed.STORE,
                RitaOptions.defaults().withTypes(Counter.types()));
        Route add = Route.command("svc.bench.*.add",
                Counter.Add.class, (request, command) -> "bench.events." + request.token(2), new Counter());
        Dispatcher dispatcher = Dispatcher.of(store, List.of(add), DispatchOptions.defaults());
        Request[] requests = new Request[aggregates];
        for (int i = 0; i < aggregates; i++) {
            requests[i] = new Request(CommandServices.ritaSubject("a" + i), Map.of(), CommandClient.ADD_ONE);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] cpu = new double[ROUNDS];
        double[] bytes = new double[ROUNDS];
        for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
            // the in-memory store keeps every event: empty it, and the cache that knows its sequences
            store.clear();
            dispatcher.clearCache();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < COMMANDS; i++) {
                Reply reply = dispatcher.dispatch(requests[i % aggregates]);
                if (!(reply instanceof Reply.Success)) {
                    throw new IllegalStateException("a command failed: " + reply);
                }
            }
            if (round >= 0) {
                cpu[round] = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / COMMANDS;
                bytes[round] = (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / (double) COMMANDS;
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(bytes);
        return String.format(Locale.ROOT, "%.2f | %.2f-%.2f | %,.0f | %,.0f-%,.0f", median(cpu), cpu[0],
                cpu[ROUNDS - 1], median(bytes), bytes[0], bytes[ROUNDS - 1]);
    }

    private static double median(double[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

package io.rita.bench;

import java.util.Locale;

/**
 * How long a graceful stop takes to store the snapshots of its cached aggregates: {@code n}
 * aggregates get one command each through Rita's service runner (snapshots on, the framework's
 * defaults), then {@code snapshotCached} (what {@code ServiceRunner.close()} calls) is timed;
 * three rounds, each on new aggregates.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.rita.bench.StopSnapshots [n]     # n = 10000 by default
 * BENCH_LATENCY_MICROS=250 java -cp ... io.rita.bench.StopSnapshots 2000        # with 0.5 ms round trips
 * }</pre>
 */
public final class StopSnapshots {

    private StopSnapshots() {
    }

    public static void main(String[] args) {
        int aggregates = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (CommandServices services = CommandServices.start(true);
             CommandClient client = new CommandClient(services.testbed().connect())) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < aggregates; i++) {
                    client.add(CommandServices.ritaSubject("stop" + round + "-" + i));
                }
                long started = System.nanoTime();
                services.snapshotCached();
                System.out.printf(Locale.ROOT, "round %d: the snapshots of %,d changed cached aggregates stored in %,.0f ms%n",
                        round + 1, aggregates, (System.nanoTime() - started) / 1e6);
                services.clearCache();
            }
        }
    }
}

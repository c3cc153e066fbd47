package io.rita.bench;

import io.rita.aggregate.EngineOptions;
import io.rita.aggregate.Snapshots;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What snapshots at eviction cost and save where the cache is too small for the aggregates in
 * use: one client sends commands round-robin over {@code aggregates} aggregates through an
 * engine that caches {@code cache} of them, so that nearly every command meets a cold aggregate
 * and evicts a changed one. Measured with eviction snapshots (the default) and without
 * ({@code Snapshots.withoutEvictionSnapshots()}), each on its own server, alternating: commands
 * per second, and the CPU time of the service's JVM and of nats-server per command
 * ({@link CpuMeter}).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.rita.bench.EvictionCost [rounds [aggregates [cache [commands]]]]
 * }</pre>
 * Defaults: 3 rounds, 1,000 aggregates, a cache of 100, 20,000 commands per side and round (the
 * first 1,000 of each side warm it up and are not counted).
 */
public final class EvictionCost {

    private EvictionCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int aggregates = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int cache = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int commands = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        System.out.println("| side | commands/s | JVM CPU per command (µs) | nats-server CPU per command (µs) |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (int round = 0; round < rounds; round++) {
            run("with eviction snapshots", s -> s, aggregates, cache, commands);
            run("without", Snapshots::withoutEvictionSnapshots, aggregates, cache, commands);
        }
    }

    private static void run(String side, UnaryOperator<Snapshots> snapshots, int aggregates, int cache, int commands) {
        try (CommandServices services = CommandServices.start(EngineOptions.defaults().withCacheSize(cache), snapshots);
             CommandClient client = new CommandClient(services.testbed().connect())) {
            for (int i = 0; i < 1_000; i++) {
                client.add(CommandServices.ritaSubject("a" + (i % aggregates)));
            }
            CpuMeter.Reading before = CpuMeter.read();
            long started = System.nanoTime();
            for (int i = 1_000; i < commands; i++) {
                client.add(CommandServices.ritaSubject("a" + (i % aggregates)));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            CpuMeter.Reading used = CpuMeter.read().minus(before);
            int counted = commands - 1_000;
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f |%n", side, counted / seconds,
                    used.jvmNanos() / 1e3 / counted, used.serverNanos() / 1e3 / counted);
        }
    }
}

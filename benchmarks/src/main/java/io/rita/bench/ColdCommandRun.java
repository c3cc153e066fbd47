package io.rita.bench;

import io.rita.aggregate.Snapshots;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The first command on a cold aggregate by the length of its history, every length in one JVM
 * on one server, one shot of each per round in a shuffled order: the ratios between lengths
 * (what the goals of issue 9 are about) without the drift between JMH's separate forks, which
 * moved the same code's medians by a third from one run to the next ({@link ColdCommandBenchmark}
 * measures the same shots, one length per fork).
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.rita.bench.ColdCommandRun [rounds [long lengths ...]]   # or: bin/bench cold ...
 * }</pre>
 *
 * <p>Lengths: 0 (a fresh aggregate: the baseline), 1, 2, 3, 10 and 100 (a fresh aggregate per
 * shot, seeded alike: no snapshot, every event read), and long ones (10,000 and 100,000 unless
 * the arguments say otherwise: one aggregate each, whose cache entry is dropped before each
 * shot and whose snapshot the engine renews every 100 events, so that a shot reads the snapshot
 * and a tail of 0 to 99 events: a cold load after a crash, or after {@code forgetAll}). Every
 * event of a history is followed by one of another subject.
 *
 * <p>And the same lengths after the aggregate <em>left the cache</em> ("1 left" ...): its last
 * command went through the engine, whose graceful stop ({@code snapshotCached}, as
 * {@code ServiceRunner.close()} does, or an eviction) stored a snapshot of its last event; a shot
 * then reads that snapshot and no event. Short ones: {@code n - 1} events seeded, one command,
 * the stop; a long one: one command before each shot, then the stop.
 * Snapshots on with the framework's defaults, through Rita's service runner, one client.
 * Before the rounds, the JMH benchmark's warm-up ({@link ColdCommandBenchmark#warmUp}).
 */
public final class ColdCommandRun {

    private static final int[] SHORT = {0, 1, 2, 3, 10, 100};
    private static final int[] SHORT_LEFT = {1, 3, 10, 100};
    private static final String LEFT = " left";

    private ColdCommandRun() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int[] longs = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000};
        System.err.println("load average at the start: " + loadAverage());
        try (CommandServices services = CommandServices.start(true);
             CommandClient client = new CommandClient(services.testbed().connect())) {
            JetStreamEventStore store = services.testbed().store();
            for (int events : SHORT) {
                for (int i = 0; i < rounds; i++) {
                    ColdCommandBenchmark.seed(store, "s" + events + "-" + i, events);
                }
            }
            for (int events : longs) {
                ColdCommandBenchmark.seedLong(services, "long" + events, events);
                ColdCommandBenchmark.seedLong(services, "left" + events, events);
            }
            ColdCommandBenchmark.warmUp(services, client);
            services.clearCache();
            for (int events : SHORT_LEFT) {
                for (int i = 0; i < rounds; i++) {
                    ColdCommandBenchmark.seed(store, "l" + events + "-" + i, events - 1);
                    client.add(CommandServices.ritaSubject("l" + events + "-" + i));
                }
            }
            services.snapshotCached();
            Map<String, List<Long>> shots = new LinkedHashMap<>();
            List<Runnable> cases = new ArrayList<>();
            int[] next = new int[1];
            for (int events : SHORT) {
                String name = Integer.toString(events);
                shots.put(name, new ArrayList<>());
                cases.add(() -> time(shots.get(name), () -> client.add(
                        CommandServices.ritaSubject("s" + events + "-" + next[0]))));
            }
            for (int events : longs) {
                String name = Integer.toString(events);
                shots.put(name, new ArrayList<>());
                cases.add(() -> {
                    services.clearCache();
                    time(shots.get(name), () -> client.add(CommandServices.ritaSubject("long" + events)));
                });
            }
            for (int events : SHORT_LEFT) {
                String name = events + LEFT;
                shots.put(name, new ArrayList<>());
                cases.add(() -> time(shots.get(name), () -> client.add(
                        CommandServices.ritaSubject("l" + events + "-" + next[0]))));
            }
            for (int events : longs) {
                String name = events + LEFT;
                shots.put(name, new ArrayList<>());
                cases.add(() -> {
                    // alone in the cache, so that the stop's snapshots leave the other long one's tail as it is
                    services.clearCache();
                    client.add(CommandServices.ritaSubject("left" + events));
                    services.snapshotCached();
                    services.clearCache();
                    time(shots.get(name), () -> client.add(CommandServices.ritaSubject("left" + events)));
                });
            }
            Random random = new Random(42);
            for (int round = 0; round < rounds; round++) {
                next[0] = round;
                services.clearCache();
                Collections.shuffle(cases, random);
                cases.forEach(Runnable::run);
            }
            report(shots);
        }
        System.err.println("load average at the end: " + loadAverage());
    }

    private static void time(List<Long> into, Runnable shot) {
        long started = System.nanoTime();
        shot.run();
        into.add(System.nanoTime() - started);
    }

    private static void report(Map<String, List<Long>> shots) {
        double fresh = percentile(shots.get("0"), 50);
        System.out.println("| history (events) | p50 / p90 / p99 (µs) | p50 / fresh p50 | p50 / 1-event p50 (same kind) |");
        System.out.println("| ---: | ---: | ---: | ---: |");
        for (Map.Entry<String, List<Long>> entry : shots.entrySet()) {
            double p50 = percentile(entry.getValue(), 50);
            double one = percentile(shots.get(entry.getKey().endsWith(LEFT) ? 1 + LEFT : "1"), 50);
            System.out.printf(Locale.ROOT, "| %s | %,.0f / %,.0f / %,.0f | %.2f | %.2f |%n", entry.getKey(), p50 / 1e3,
                    percentile(entry.getValue(), 90) / 1e3, percentile(entry.getValue(), 99) / 1e3, p50 / fresh,
                    p50 / one);
        }
    }

    private static double percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

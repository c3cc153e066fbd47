package io.rita.bench;

import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.projection.Projection;
import io.rita.projection.ProjectionStatus;
import io.rita.projection.Projector;
import io.rita.projection.ProjectorOptions;
import io.rita.projection.ViewEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A projection catching up on a stream of {@code events} events (default 100,000) over
 * {@code keys} accounts (default 1,000), against raw jnats doing the same: an ordered consumer
 * reading the same events and writing the same key-value entries ({@link RawProjection}).
 *
 * <pre>{@code
 * bin/bench projection                               # 100,000 events, 1,000 keys, 5 rounds
 * bin/bench projection events=20000 keys=100 rounds=3
 * }</pre>
 *
 * <p>One nats-server, one stream, filled once. Each round builds the whole read model from
 * nothing on each side, in a bucket of its own (removed afterwards): Rita from
 * {@link Projector#start} until it is {@link ProjectionStatus.State#LIVE} (bucket, durable
 * consumer and lease included), raw from creating its bucket until its last write is
 * acknowledged. The sides alternate, the order flipping every round, after one warm-up round
 * each; every round's views are checked against the fold the filler computed. Prints the
 * median rates and the median, lowest and highest per-round ratio Rita/raw.
 */
public final class ProjectionCatchUp {

    /** The view: how many deposits an account had, and their sum. */
    public record Balance(long deposits, long cents) {
        static final Balance NONE = new Balance(0, 0);

        Balance plus(long amount) {
            return new Balance(deposits + 1, cents + amount);
        }
    }

    /** One side's round: its rate, and the CPU it took per event in this JVM and in nats-server. */
    private record Run(double rate, double jvmMicros, double serverMicros) {
    }

    private ProjectionCatchUp() {
    }

    /** Runs with {@code events=N keys=N rounds=N batch=N} (all optional). */
    public static void main(String[] args) throws Exception {
        Map<String, Integer> settings = new HashMap<>(Map.of("events", 100_000, "keys", 1_000, "rounds", 5,
                "batch", ProjectorOptions.defaults().batchSize()));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !settings.containsKey(pair[0])) {
                throw new IllegalArgumentException("arguments are events=N, keys=N, rounds=N, batch=N; not '" + arg + "'");
            }
            settings.put(pair[0], Integer.parseInt(pair[1].replace("_", "")));
        }
        int events = settings.get("events");
        int keys = settings.get("keys");
        int rounds = settings.get("rounds");
        int batch = settings.get("batch");
        try (Testbed bed = Testbed.start(Payload.JSON)) {
            Map<String, Balance> expected = fill(bed.store(), events, keys);
            System.out.printf(Locale.ROOT, "%,d events over %,d keys, rounds of up to %d events%n", events, keys, batch);
            Cpu.findServer();
            measure(bed, expected, events, batch, "warm-up", true);
            measure(bed, expected, events, batch, "warm-up", false);
            List<Run> rita = new ArrayList<>();
            List<Run> raw = new ArrayList<>();
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean ritaFirst = round % 2 == 0;
                Run first = measure(bed, expected, events, batch, "round " + (round + 1), ritaFirst);
                Run second = measure(bed, expected, events, batch, "round " + (round + 1), !ritaFirst);
                rita.add(ritaFirst ? first : second);
                raw.add(ritaFirst ? second : first);
                ratios[round] = rita.getLast().rate() / raw.getLast().rate();
            }
            Arrays.sort(ratios);
            System.out.println();
            System.out.println("| case | Rita events/s | raw events/s | Rita/raw (median) | lowest-highest of " + rounds
                    + " rounds | CPU µs/event Rita (JVM + server) | raw (JVM + server) |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| catch-up events=%d keys=%d | %,.0f | %,.0f | %.2f | %.2f-%.2f | %.1f + %.1f | %.1f + %.1f |%n",
                    events, keys, median(rita, Run::rate), median(raw, Run::rate), median(ratios), ratios[0],
                    ratios[rounds - 1], median(rita, Run::jvmMicros), median(rita, Run::serverMicros),
                    median(raw, Run::jvmMicros), median(raw, Run::serverMicros));
        }
    }

    /** Appends the events, pipelined; returns what every view must be. */
    private static Map<String, Balance> fill(JetStreamEventStore store, int events, int keys) {
        Map<String, Balance> expected = new HashMap<>();
        List<CompletableFuture<?>> window = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String key = "a" + (i % keys);
            long amount = i;
            FundsDeposited deposit = new FundsDeposited(key, amount, FundsDeposited.sample().note());
            expected.merge(key, Balance.NONE.plus(amount), (old, one) -> old.plus(amount));
            window.add(store.appendAsync("bench.acct." + key, List.of(Event.of(deposit)), Expected.any()));
            if (window.size() >= 256) {
                window.forEach(CompletableFuture::join);
                window.clear();
            }
        }
        window.forEach(CompletableFuture::join);
        return expected;
    }

    /** One side's catch-up. */
    private static Run measure(Testbed bed, Map<String, Balance> expected, int events, int batch, String label,
                               boolean rita) throws Exception {
        String name = "catchup" + System.nanoTime();
        long jvm = Cpu.jvmNanos();
        long server = Cpu.serverNanos();
        long start = System.nanoTime();
        long elapsed;
        Map<String, Balance> views;
        if (rita) {
            Projection<FundsDeposited, Balance> projection = Projection.of(name, "bench.acct.*", FundsDeposited.class,
                    Balance.class, (balance, deposit) -> Optional.of(balance.orElse(Balance.NONE)
                            .plus(deposit.amountCents())));
            try (Projector<FundsDeposited, Balance> projector = Projector.start(bed.store(), projection,
                    ProjectorOptions.defaults().withBatchSize(batch))) {
                ProjectionStatus status = projector.awaitLive(Duration.ofMinutes(10));
                if (status.state() != ProjectionStatus.State.LIVE) {
                    throw new IllegalStateException("the projector did not catch up: " + status);
                }
                elapsed = report(start, events, label, "Rita");
                jvm = Cpu.jvmNanos() - jvm;
                server = Cpu.serverNanos() - server;
                views = new HashMap<>();
                for (ViewEntry<Balance> entry : projector.views().entries()) {
                    views.put(entry.key(), entry.view());
                }
            }
            Projector.remove(bed.store(), name, 1);
        } else {
            try (RawProjection raw = new RawProjection(bed.connection(), name, batch)) {
                raw.catchUp("bench.acct.*", events);
                elapsed = report(start, events, label, "raw");
                jvm = Cpu.jvmNanos() - jvm;
                server = Cpu.serverNanos() - server;
                views = raw.stored();
            }
        }
        if (!views.equals(expected)) {
            throw new IllegalStateException((rita ? "Rita" : "raw") + " built views that differ from the events' fold");
        }
        return new Run(events * 1e9 / elapsed, jvm / 1e3 / events, server / 1e3 / events);
    }

    /** Prints the rate of a side and returns its elapsed nanoseconds. */
    private static long report(long start, int events, String label, String side) {
        long elapsed = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "%s %s: %,.0f events/s (%.2f s)%n", label, side, events * 1e9 / elapsed,
                elapsed / 1e9);
        return elapsed;
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        return median(runs.stream().mapToDouble(value).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

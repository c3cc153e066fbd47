package io.rita.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Rita against raw jnats in one JVM on one server, alternating in one-second slices: a
 * cross-check of the JMH ratios that is robust to other load on the machine, which shifts
 * between JMH's separate forks but hits both sides of one pair of slices alike.
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.rita.bench.PairedRun [regex]     # or: bin/bench paired [regex]
 * }</pre>
 *
 * <p>It drives the JMH benchmark classes' own set-up and methods, so both tools measure the same
 * code. Per case: set up, warm both sides up, then {@value #ROUNDS} rounds of one slice each
 * (the order flips every round, so that a drift does not favour one side), and print the median
 * rates and the median, lowest and highest per-round ratio Rita/raw.
 */
public final class PairedRun {

    static final int ROUNDS = 10;
    private static final long SLICE_NANOS = 1_000_000_000L;
    private static final int WARMUP_ROUNDS = 3;

    private PairedRun() {
    }

    /** The two sides of one case, and how many events one call handles. */
    private interface Pair extends AutoCloseable {
        Object rita();

        Object raw();

        int eventsPerCall();

        @Override
        void close();
    }

    private record Case(String name, Supplier<Pair> open) {
    }

    /** Runs the cases whose name matches the regex in the first argument (all without one). */
    public static void main(String[] args) {
        Pattern filter = Pattern.compile(args.length > 0 ? args[0] : ".*");
        List<Case> cases = cases().stream().filter(c -> filter.matcher(c.name).find()).toList();
        System.out.println("| case | Rita events/s | raw events/s | Rita/raw (median) | lowest-highest of "
                + ROUNDS + " rounds |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (Case c : cases) {
            try (Pair pair = c.open.get()) {
                System.out.println("| " + c.name + " | " + measure(pair) + " |");
            }
        }
    }

    private static String measure(Pair pair) {
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            rate(pair::rita, pair.eventsPerCall());
            rate(pair::raw, pair.eventsPerCall());
        }
        double[] rita = new double[ROUNDS];
        double[] raw = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                rita[round] = rate(pair::rita, pair.eventsPerCall());
                raw[round] = rate(pair::raw, pair.eventsPerCall());
            } else {
                raw[round] = rate(pair::raw, pair.eventsPerCall());
                rita[round] = rate(pair::rita, pair.eventsPerCall());
            }
            ratios[round] = rita[round] / raw[round];
        }
        Arrays.sort(ratios);
        return String.format(Locale.ROOT, "%,.0f | %,.0f | %.2f | %.2f-%.2f",
                median(rita), median(raw), median(ratios), ratios[0], ratios[ROUNDS - 1]);
    }

    private static double rate(Supplier<Object> side, int eventsPerCall) {
        long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            if (side.get() == null) {
                throw new IllegalStateException("a benchmark method returned nothing");
            }
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < SLICE_NANOS);
        return calls * (double) eventsPerCall * 1e9 / elapsed;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String payload : List.of("binary", "json")) {
            cases.add(new Case("SingleAppend payload=" + payload, () -> singleAppend(payload)));
            cases.add(new Case("PipelinedAppend payload=" + payload, () -> pipelinedAppend(payload)));
            for (int events : List.of(1_000, 10_000)) {
                cases.add(new Case("Load events=" + events + " payload=" + payload, () -> load(events, payload)));
            }
        }
        return cases;
    }

    private static Pair singleAppend(String payload) {
        SingleAppendBenchmark benchmark = new SingleAppendBenchmark();
        benchmark.payload = payload;
        benchmark.start();
        return pair(benchmark::rita, benchmark::raw, 1, benchmark::stop);
    }

    private static Pair pipelinedAppend(String payload) {
        PipelinedAppendBenchmark benchmark = new PipelinedAppendBenchmark();
        benchmark.payload = payload;
        benchmark.window = 256;
        benchmark.start();
        return pair(() -> uninterrupted(benchmark::rita), () -> uninterrupted(benchmark::raw),
                PipelinedAppendBenchmark.SUBJECTS, benchmark::stop);
    }

    private static Pair load(int events, String payload) {
        LoadBenchmark benchmark = new LoadBenchmark();
        benchmark.events = events;
        benchmark.payload = payload;
        benchmark.start();
        return pair(benchmark::rita, benchmark::raw, events, benchmark::stop);
    }

    private static Pair pair(Supplier<Object> rita, Supplier<Object> raw, int eventsPerCall, Runnable close) {
        return new Pair() {
            @Override
            public Object rita() {
                return rita.get();
            }

            @Override
            public Object raw() {
                return raw.get();
            }

            @Override
            public int eventsPerCall() {
                return eventsPerCall;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /** A benchmark method that may be interrupted, for a {@link Supplier}. */
    private interface Interruptible {
        Object call() throws InterruptedException;
    }

    private static Object uninterrupted(Interruptible method) {
        try {
            return method.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

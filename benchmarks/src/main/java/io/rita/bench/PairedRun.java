package io.rita.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Rita against its baselines in one JVM on one server, alternating in one-second slices: a
 * cross-check of the JMH ratios that is robust to other load on the machine, which shifts
 * between JMH's separate forks but hits every side of one round alike.
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.rita.bench.PairedRun [regex]     # or: bin/bench paired [regex]
 * }</pre>
 *
 * <p>The cases, named so that a regex picks them ({@code Command}, {@code clients=16}, {@code KMM}):
 * <ul>
 *   <li>the store ({@code SingleAppend}, {@code PipelinedAppend}, {@code Load}): Rita against raw
 *       jnats, driving the JMH benchmark classes' own set-up and methods, so both tools measure
 *       the same code;</li>
 *   <li>commands ({@code Command clients=1|16 aggregates=1|1000}): Rita's service runner against
 *       the hand-written baseline ({@link HandWrittenCommandService}) and the raw floor
 *       ({@link RawCommandService}), on one server ({@link CommandServices}), with the same
 *       closed-loop clients for all three ({@link ClientLoops});</li>
 *   <li>KMM ({@code KMM deposits clients=16 accounts=1000}): {@code kmm serve --nats.embed} in
 *       process against the hand-written baseline on its nats-server ({@link KmmDeposits}).</li>
 * </ul>
 *
 * <p>Per case: set up, warm every side up ({@value #WARMUP_ROUNDS} slices each), then
 * {@value #ROUNDS} rounds of one slice per side; the order of the sides flips every round, so
 * that a drift does not favour one. It prints the median rate of each side, and for each
 * baseline the median, lowest and highest per-round ratio of Rita (the first side) to it; the
 * load average before and after each case goes to standard error.
 */
public final class PairedRun {

    static final int ROUNDS = 10;
    private static final long SLICE_NANOS = 1_000_000_000L;
    private static final int WARMUP_ROUNDS = 3;
    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

    private PairedRun() {
    }

    private record Case(String name, Supplier<Comparison> open) {
    }

    /** Runs the cases whose name matches the regex in the first argument (all without one). */
    public static void main(String[] args) {
        Pattern filter = Pattern.compile(args.length > 0 ? args[0] : ".*");
        List<Case> cases = cases().stream().filter(c -> filter.matcher(c.name).find()).toList();
        String header = null;
        for (Case c : cases) {
            String before = loadAverage();
            try (Comparison comparison = c.open.get()) {
                String row = measure(comparison);
                String next = header(comparison);
                if (!next.equals(header)) {
                    System.out.println((header == null ? "" : "\n") + next);
                    header = next;
                }
                System.out.println("| " + c.name + " | " + row + " |");
            }
            System.err.println("# " + c.name + ": load average " + before + " at the start, " + loadAverage()
                    + " at the end");
        }
    }

    private static String header(Comparison comparison) {
        List<Side> sides = comparison.sides();
        StringBuilder names = new StringBuilder("| case |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Side side : sides) {
            names.append(' ').append(side.name()).append(' ').append(comparison.unit()).append(" |");
            rule.append(" ---: |");
        }
        for (Side baseline : sides.subList(1, sides.size())) {
            names.append(' ').append(sides.getFirst().name()).append('/').append(baseline.name())
                    .append(" (median) | lowest-highest of ").append(ROUNDS).append(" rounds |");
            rule.append(" ---: | ---: |");
        }
        return names + "\n" + rule;
    }

    private static String measure(Comparison comparison) {
        List<Side> sides = comparison.sides();
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            sides.forEach(side -> side.slice().run(SLICE_NANOS));
        }
        double[][] rates = new double[sides.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < sides.size(); i++) {
                int side = round % 2 == 0 ? i : sides.size() - 1 - i;
                rates[side][round] = sides.get(side).slice().run(SLICE_NANOS);
            }
        }
        List<String> cells = new ArrayList<>();
        for (double[] rate : rates) {
            cells.add(String.format(Locale.ROOT, "%,.0f", median(rate)));
        }
        for (int baseline = 1; baseline < sides.size(); baseline++) {
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                ratios[round] = rates[0][round] / rates[baseline][round];
            }
            Arrays.sort(ratios);
            cells.add(String.format(Locale.ROOT, "%.2f", median(ratios)));
            cells.add(String.format(Locale.ROOT, "%.2f-%.2f", ratios[0], ratios[ROUNDS - 1]));
        }
        return String.join(" | ", cells);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(LOAD_AVERAGE).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
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
        for (int clients : List.of(1, 16)) {
            for (int aggregates : List.of(1, 1_000)) {
                cases.add(new Case("Command clients=" + clients + " aggregates=" + aggregates,
                        () -> commands(clients, aggregates)));
            }
        }
        cases.add(new Case("KMM deposits clients=16 accounts=1000", () -> kmm(16, 1_000)));
        return cases;
    }

    private static Comparison singleAppend(String payload) {
        SingleAppendBenchmark benchmark = new SingleAppendBenchmark();
        benchmark.payload = payload;
        benchmark.start();
        return store(1, benchmark::rita, benchmark::raw, benchmark::stop);
    }

    private static Comparison pipelinedAppend(String payload) {
        PipelinedAppendBenchmark benchmark = new PipelinedAppendBenchmark();
        benchmark.payload = payload;
        benchmark.window = 256;
        benchmark.start();
        return store(PipelinedAppendBenchmark.SUBJECTS, benchmark::rita, benchmark::raw, benchmark::stop);
    }

    private static Comparison load(int events, String payload) {
        LoadBenchmark benchmark = new LoadBenchmark();
        benchmark.events = events;
        benchmark.payload = payload;
        benchmark.start();
        return store(events, benchmark::rita, benchmark::raw, benchmark::stop);
    }

    private static Comparison store(int eventsPerCall, Side.Call rita, Side.Call raw, Runnable stop) {
        return new Comparison("events/s", List.of(
                new Side("Rita", nanos -> Side.repeat(nanos, eventsPerCall, rita)),
                new Side("raw", nanos -> Side.repeat(nanos, eventsPerCall, raw))), stop);
    }

    /** Rita, the hand-written baseline and the floor, each with the same clients over the same aggregates. */
    private static Comparison commands(int clients, int aggregates) {
        CommandServices services = CommandServices.start();
        try {
            String[] rita = new String[aggregates];
            String[] handWritten = new String[aggregates];
            String[] floor = new String[aggregates];
            for (int i = 0; i < aggregates; i++) {
                rita[i] = CommandServices.ritaSubject("a" + i);
                handWritten[i] = CommandServices.handWrittenSubject("a" + i);
                floor[i] = CommandServices.rawSubject("a" + i);
            }
            ClientLoops loops = ClientLoops.start(clients, aggregates, services.testbed()::connect);
            byte[] body = CommandClient.ADD_ONE;
            return new Comparison("commands/s", List.of(
                    new Side("Rita", nanos -> loops.run(nanos, a -> rita[a], body)),
                    new Side("hand-written", nanos -> loops.run(nanos, a -> handWritten[a], body)),
                    new Side("floor", nanos -> loops.run(nanos, a -> floor[a], body))), () -> {
                        loops.close();
                        services.close();
                    });
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private static Comparison kmm(int clients, int accounts) {
        KmmDeposits kmm = KmmDeposits.start();
        try {
            Comparison deposits = kmm.comparison(clients, accounts);
            return new Comparison(deposits.unit(), deposits.sides(), () -> {
                deposits.close();
                kmm.close();
            });
        } catch (RuntimeException e) {
            kmm.close();
            throw e;
        }
    }
}

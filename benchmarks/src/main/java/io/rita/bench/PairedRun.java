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
 * java -cp benchmarks.jar io.rita.bench.PairedRun [regex [rounds]]   # or: bin/bench paired [regex [rounds]]
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
 * <p>Per case: set up, warm every side up (at least {@value #WARMUP_ROUNDS} slices and 20,000
 * operations each), then {@value #ROUNDS} rounds (or as many as the second argument says) of
 * one slice per side; the order of the sides flips every round, so that a drift does not
 * favour one. It prints the
 * median rate of each side, and for each baseline the median, lowest and highest per-round
 * ratio of Rita (the first side) to it. To standard error go, per case, the load average
 * before and after, and the CPU time each side spent per unit of work in this JVM (clients and
 * services together) and in nats-server ({@link CpuMeter}), which other work on the machine
 * hardly moves.
 */
public final class PairedRun {

    /** Rounds per case unless the second argument says otherwise. */
    static final int ROUNDS = 10;
    private static final long SLICE_NANOS = 1_000_000_000L;
    private static final int WARMUP_ROUNDS = 3;
    /**
     * A side warms up for at least this many operations (at most {@value #MAX_WARMUP_ROUNDS}
     * slices): one client does only 1,000-2,000 commands a second, and the JIT compiles the
     * hottest methods of a request's path only after several thousand calls.
     */
    private static final double WARMUP_UNITS = 20_000;
    private static final int MAX_WARMUP_ROUNDS = 20;
    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

    private PairedRun() {
    }

    private record Case(String name, Supplier<Comparison> open) {
    }

    /**
     * Runs the cases whose name matches the regex in the first argument (all without one), each
     * for the number of rounds in the second ({@value #ROUNDS} without one).
     */
    public static void main(String[] args) {
        Pattern filter = Pattern.compile(args.length > 0 ? args[0] : ".*");
        int rounds = args.length > 1 ? rounds(args[1]) : ROUNDS;
        List<Case> cases = cases().stream().filter(c -> filter.matcher(c.name).find()).toList();
        if (cases.isEmpty()) {
            System.err.println("no case matches " + filter + "; the cases are:");
            cases().forEach(c -> System.err.println("  " + c.name));
            System.exit(2);
        }
        String header = null;
        for (Case c : cases) {
            String before = loadAverage();
            try (Comparison comparison = c.open.get()) {
                Measured measured = measure(comparison, rounds);
                String next = header(comparison, rounds);
                if (!next.equals(header)) {
                    System.out.println((header == null ? "" : "\n") + next);
                    header = next;
                }
                System.out.println("| " + c.name + " | " + measured.row() + " |");
                System.err.println("# " + c.name + ": " + measured.cpu());
            }
            System.err.println("# " + c.name + ": load average " + before + " at the start, " + loadAverage()
                    + " at the end");
        }
    }

    private static int rounds(String text) {
        try {
            int rounds = Integer.parseInt(text);
            if (rounds >= 1) {
                return rounds;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        System.err.println("rounds must be a positive whole number, was '" + text + "'");
        System.exit(2);
        return 0;
    }

    private static String header(Comparison comparison, int rounds) {
        List<Side> sides = comparison.sides();
        StringBuilder names = new StringBuilder("| case |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Side side : sides) {
            names.append(' ').append(side.name()).append(' ').append(comparison.unit()).append(" |");
            rule.append(" ---: |");
        }
        for (Side baseline : sides.subList(1, sides.size())) {
            names.append(' ').append(sides.getFirst().name()).append('/').append(baseline.name())
                    .append(" (median) | lowest-highest of ").append(rounds).append(" rounds |");
            rule.append(" ---: | ---: |");
        }
        return names + "\n" + rule;
    }

    /** A case's table row, and what each side spent per unit of work. */
    private record Measured(String row, String cpu) {
    }

    private static Measured measure(Comparison comparison, int rounds) {
        List<Side> sides = comparison.sides();
        for (Side side : sides) {
            double units = 0;
            for (int i = 0; i < MAX_WARMUP_ROUNDS && (i < WARMUP_ROUNDS || units < WARMUP_UNITS); i++) {
                units += side.slice().run(SLICE_NANOS) * SLICE_NANOS / 1e9;
            }
        }
        double[][] rates = new double[sides.size()][rounds];
        CpuMeter.Reading[] cpu = new CpuMeter.Reading[sides.size()];
        double[] units = new double[sides.size()];
        Arrays.fill(cpu, new CpuMeter.Reading(0, 0));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < sides.size(); i++) {
                int side = round % 2 == 0 ? i : sides.size() - 1 - i;
                CpuMeter.Reading before = CpuMeter.read();
                long start = System.nanoTime();
                rates[side][round] = sides.get(side).slice().run(SLICE_NANOS);
                units[side] += rates[side][round] * (System.nanoTime() - start) / 1e9;
                cpu[side] = cpu[side].plus(CpuMeter.read().minus(before));
            }
        }
        List<String> cells = new ArrayList<>();
        for (double[] rate : rates) {
            cells.add(String.format(Locale.ROOT, "%,.0f", median(rate)));
        }
        for (int baseline = 1; baseline < sides.size(); baseline++) {
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = rates[0][round] / rates[baseline][round];
            }
            Arrays.sort(ratios);
            cells.add(String.format(Locale.ROOT, "%.2f", median(ratios)));
            cells.add(String.format(Locale.ROOT, "%.2f-%.2f", ratios[0], ratios[rounds - 1]));
        }
        List<String> spent = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            spent.add(String.format(Locale.ROOT, "%s %.1f + %.1f", sides.get(i).name(),
                    cpu[i].jvmNanos() / 1e3 / units[i], cpu[i].serverNanos() / 1e3 / units[i]));
        }
        String unit = comparison.unit().replace("/s", "").replaceAll("s$", "");
        return new Measured(String.join(" | ", cells),
                "CPU µs per " + unit + " (JVM + nats-server): " + String.join(", ", spent));
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

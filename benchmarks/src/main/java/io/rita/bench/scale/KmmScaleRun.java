package io.rita.bench.scale;

import io.nats.client.Connection;
import io.rita.aggregate.EngineOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A command through KMM on a large store against the same command on a small one, the memory of
 * the service and of nats-server at that size, and how long a restarted service takes to answer at
 * full speed again. Both stores hold the same number of events per account; the large one has many
 * more accounts.
 *
 * <pre>{@code
 * bin/bench scale                                      # 1,000,000 events over 100,000 accounts
 * bin/bench scale --events=10000000 --accounts=1000000 --dir=/var/tmp/kmm-scale --keep
 * }</pre>
 *
 * <p>Options: {@code --events} and {@code --accounts} of the large store (default 1,000,000 and
 * 100,000), {@code --small-accounts} (default 10,000: the small store has {@code events/accounts}
 * events for each), {@code --rounds} and {@code --samples} of the comparison (3 rounds of 300
 * commands of each kind per store), {@code --dir} for the large store's nats-server (default a
 * temporary directory; a store seeded there before is filled up, not seeded again), {@code --keep}
 * to leave it there, {@code --skip-compare} to go straight to the restarts. Printed as tables for
 * docs/benchmarks.md.
 */
public final class KmmScaleRun {

    private KmmScaleRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        long events = Long.parseLong(options.getOrDefault("events", "1000000"));
        int accounts = Integer.parseInt(options.getOrDefault("accounts", "100000"));
        int smallAccounts = Integer.parseInt(options.getOrDefault("small-accounts", "10000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int samples = Integer.parseInt(options.getOrDefault("samples", "300"));
        boolean keep = options.containsKey("keep");
        Path dir = options.containsKey("dir") ? Path.of(options.get("dir")) : Files.createTempDirectory("rita-scale-");
        Path smallDir = Files.createTempDirectory("rita-scale-small-");
        long perAccount = Math.max(1, events / accounts);
        System.out.printf(Locale.ROOT, "large store: %,d events over %,d accounts (%d each) in %s; small store: %,d "
                + "events over %,d accounts%n", events, accounts, perAccount, dir, perAccount * smallAccounts,
                smallAccounts);
        try (ScaleSide large = new ScaleSide("large", dir.resolve("nats"), events, accounts);
             ScaleSide small = new ScaleSide("small", smallDir, perAccount * smallAccounts, smallAccounts)) {
            for (ScaleSide side : new ScaleSide[]{large, small}) {
                side.startServer();
                try (Connection connection = side.connect()) {
                    System.out.println(side.name + ": seeding");
                    KmmSeeder.seed(connection, side.events, side.accounts, System.out);
                }
            }
            System.out.println();
            if (!options.containsKey("skip-compare")) {
                CompareRun.run(large, small, rounds, samples, EngineOptions.defaults().cacheSize());
            }
            RestartRun.run(large);
        } finally {
            delete(smallDir);
            if (!keep) {
                delete(dir);
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("options look like --events=10000000, was '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "" : arg.substring(equals + 1));
        }
        return options;
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

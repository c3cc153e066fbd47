package io.rita.bench.scale;

import io.rita.projection.ProjectionStatus;

import java.time.Duration;
import java.util.Locale;

/**
 * The comparison: deposits on accounts the service has not cached (cold: a full load) and on
 * cached ones (warm), on the large and the small store, in alternating slices so that other work
 * on the machine hits both alike; then the memory of the service per cached account and of both
 * nats-servers.
 */
final class CompareRun {

    private static final int WARM_ACCOUNTS = 100;
    private static final int SMALL_WARM_UP = 500;

    private CompareRun() {
    }

    static void run(ScaleSide large, ScaleSide small, int rounds, int samples, int cacheSize) throws Exception {
        large.startService();
        small.startService();
        // a store seeded by the harness has no accounts projection yet: the first service builds it
        // (on 10,000,000 events for tens of minutes), and commands measured meanwhile would compete with it
        for (ScaleSide side : new ScaleSide[]{large, small}) {
            long waiting = System.nanoTime();
            ProjectionStatus status = side.service().accounts().awaitLive(Duration.ofHours(3));
            System.out.printf(Locale.ROOT, "%s: accounts projection %s after %.0f s%n", side.name, status.state(),
                    (System.nanoTime() - waiting) / 1e9);
        }
        long heapBefore = ProcessMemory.liveHeap();
        // fill the large side's cache: JIT warm-up, and the memory of a full cache
        int filled = (int) Math.min(cacheSize, large.accounts / 2);
        long fillStarted = System.nanoTime();
        for (int i = 0; i < filled; i++) {
            large.cold();
        }
        long heapFull = ProcessMemory.liveHeap();
        System.out.printf(Locale.ROOT, "large: %,d accounts cached in %.0f s%n", filled,
                (System.nanoTime() - fillStarted) / 1e9);
        for (int i = 0; i < WARM_ACCOUNTS; i++) {
            large.deposit(large.scattered(i)); // the least recently used of the full cache: touch them
        }
        for (int i = 0; i < SMALL_WARM_UP; i++) {
            small.cold();
        }
        ScaleSide[] sides = {large, small};
        Latencies[] cold = {new Latencies(), new Latencies()};
        Latencies[] warm = {new Latencies(), new Latencies()};
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int s = round % 2 == 0 ? turn : 1 - turn;
                for (int i = 0; i < samples; i++) {
                    cold[s].add(sides[s].cold());
                }
                for (int i = 0; i < samples; i++) {
                    warm[s].add(sides[s].deposit(sides[s].scattered(i % WARM_ACCOUNTS)));
                }
            }
        }
        System.out.println();
        System.out.println("| store | events | accounts | cold: mean, p50 / p99 (µs) | warm: mean, p50 / p99 (µs) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (int s = 0; s < 2; s++) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %s | %s |%n", sides[s].name, sides[s].events,
                    sides[s].accounts, cold[s], warm[s]);
        }
        System.out.printf(Locale.ROOT, "| large / small | | | %.2f (p50 %.2f) | %.2f (p50 %.2f) |%n",
                cold[0].meanMicros() / cold[1].meanMicros(), (double) cold[0].p50Micros() / cold[1].p50Micros(),
                warm[0].meanMicros() / warm[1].meanMicros(), (double) warm[0].p50Micros() / warm[1].p50Micros());
        System.out.println();
        System.out.printf(Locale.ROOT, "service heap: %s idle, %s with %,d accounts cached: %,d bytes per cached "
                        + "account (both services in this JVM, the small one with %,d cached)%n",
                ProcessMemory.mib(heapBefore), ProcessMemory.mib(heapFull), filled,
                (heapFull - heapBefore) / filled, SMALL_WARM_UP);
        long self = ProcessHandle.current().pid();
        System.out.printf(Locale.ROOT, "resident: nats-server (large) %s (peak %s), nats-server (small) %s, "
                        + "this JVM %s%n", ProcessMemory.mib(ProcessMemory.resident(large.server.pid())),
                ProcessMemory.mib(ProcessMemory.peakResident(large.server.pid())),
                ProcessMemory.mib(ProcessMemory.resident(small.server.pid())),
                ProcessMemory.mib(ProcessMemory.resident(self)));
        small.stopService();
    }
}

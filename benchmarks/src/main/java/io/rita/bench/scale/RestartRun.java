package io.rita.bench.scale;

import io.nats.client.Connection;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.kmm.service.KmmServer;
import io.rita.kmm.service.KmmServerOptions;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restarts of {@code kmm serve} (a process of its own, as a service manager runs it) on the large
 * store while nats-server keeps running, timed until the service answers at full speed again
 * ({@link FullSpeed}): a plain restart; the same with the server kept busy by another reader (as
 * other services or a second {@code kmm serve} keep it), which leaves only the service's own
 * start to pay; and a rolling restart of one of two {@code kmm serve}. Then the restarts of
 * nats-server ({@link ServerRestarts}).
 */
final class RestartRun {

    private static final int STEADY = 200;
    private static final long WARM_EVERY_MILLIS = 500;
    private static final long ROLLING_BEFORE_NANOS = 3_000_000_000L;
    private static final long ROLLING_AFTER_NANOS = 10_000_000_000L;

    private RestartRun() {
    }

    static void run(ScaleSide large) throws Exception {
        large.stopService();
        System.out.printf(Locale.ROOT, "%na JVM starting `kmm --version`: %,d ms, %,d ms, %,d ms (load average %s)%n",
                ServeProcess.versionNanos() / 1_000_000, ServeProcess.versionNanos() / 1_000_000,
                ServeProcess.versionNanos() / 1_000_000, loadAverage());
        // the steady state is also the training run of an AOT cache (JDK 25, JEP 483/514/515:
        // classes loaded and linked, method profiles), which the restarts below try against none
        Path aot = Files.createTempDirectory("rita-scale-aot-").resolve("kmm.aot");
        ServeProcess serve = ServeProcess.start(large.server.url(), "-XX:AOTCacheOutput=" + aot);
        large.startClient();
        long[] steady = new long[STEADY];
        for (int i = 0; i < STEADY; i++) {
            steady[i] = large.cold();
        }
        long[] settled = Arrays.copyOfRange(steady, STEADY / 2, STEADY);
        Arrays.sort(settled);
        System.out.printf(Locale.ROOT, "steady state (kmm serve in its own JVM; load average %s): cold deposits p50 "
                        + "%,d ms, p90 %,d ms; kmm serve resident %s, nats-server resident %s%n", loadAverage(),
                settled[settled.length / 2] / 1_000_000, settled[settled.length * 9 / 10] / 1_000_000,
                ProcessMemory.mib(ProcessMemory.resident(serve.pid())),
                ProcessMemory.mib(ProcessMemory.resident(large.server.pid())));
        long writing = System.nanoTime();
        serve.close();
        String[] withAot = Files.exists(aot) ? new String[]{"-XX:AOTCache=" + aot} : null;
        System.out.printf(Locale.ROOT, "AOT cache of kmm serve: %s (stop and write took %,d ms)%n",
                withAot == null ? "not written" : ProcessMemory.mib(Files.size(aot)),
                (System.nanoTime() - writing) / 1_000_000);
        serve = ServeProcess.start(large.server.url());

        for (int run = 0; run < 4; run++) {
            // plain and AOT alternate, in both orders
            boolean aotNow = withAot != null && (run == 1 || run == 2);
            serve.close();
            long t0 = System.nanoTime();
            serve = aotNow ? ServeProcess.start(large.server.url(), withAot) : ServeProcess.start(large.server.url());
            long serving = System.nanoTime() - t0;
            System.out.printf(Locale.ROOT, "kmm serve restarted%s (load average %s): serving after %,d ms; %s%n",
                    aotNow ? " with the AOT cache" : "", loadAverage(), serving / 1_000_000,
                    FullSpeed.measure(large, t0).describe());
        }

        for (int run = 0; run < 2; run++) {
            boolean aotNow = withAot != null && run == 1;
            try (Warmer warmer = new Warmer(large)) {
                Thread.sleep(2 * WARM_EVERY_MILLIS);
                serve.close();
                long t0 = System.nanoTime();
                serve = aotNow ? ServeProcess.start(large.server.url(), withAot)
                        : ServeProcess.start(large.server.url());
                long serving = System.nanoTime() - t0;
                System.out.printf(Locale.ROOT, "kmm serve restarted%s, the server kept busy by a reader (load average "
                                + "%s): serving after %,d ms; %s%n", aotNow ? " with the AOT cache" : "",
                        loadAverage(), serving / 1_000_000, FullSpeed.measure(large, t0).describe());
            }
        }

        serve = rolling(large, serve, new String[0]);
        if (withAot != null) {
            serve = rolling(large, serve, withAot);
        }
        serve.close();

        long started = System.nanoTime();
        try (KmmServer inProcess = KmmServer.start(KmmServerOptions.connectingTo(large.server.url()))) {
            System.out.printf(Locale.ROOT, "KmmServer.start in a warm JVM on the large store: %,d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
        }
        ServerRestarts.run(large);
    }

    /** Two kmm serve in one queue group; one of them restarted while deposits go on. */
    private static ServeProcess rolling(ScaleSide large, ServeProcess first, String[] jvmOptions) throws Exception {
        ServeProcess second = ServeProcess.start(large.server.url(), jvmOptions);
        Latencies before = new Latencies();
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < ROLLING_BEFORE_NANOS) {
            before.add(large.cold());
        }
        AtomicLong servingAgain = new AtomicLong();
        ServeProcess[] restarted = new ServeProcess[1];
        long stop = System.nanoTime();
        Thread restart = Thread.ofPlatform().start(() -> {
            try {
                first.close();
                restarted[0] = ServeProcess.start(large.server.url(), jvmOptions);
                servingAgain.set(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Latencies during = new Latencies();
        long slow = 0;
        long max = 0;
        while (servingAgain.get() == 0 || System.nanoTime() - servingAgain.get() < ROLLING_AFTER_NANOS) {
            long latency = large.cold();
            during.add(latency);
            slow += latency >= FullSpeed.FAST_NANOS ? 1 : 0;
            max = Math.max(max, latency);
        }
        restart.join();
        System.out.printf(Locale.ROOT, "rolling restart of one of two kmm serve%s (load average %s): before, cold "
                        + "deposits mean, p50 / p99 %s µs; from its stop until 10 s after it served again (%,d ms "
                        + "after the stop): %,d deposits, %s µs, %d of them 50 ms or more, the slowest %,d ms%n",
                jvmOptions.length > 0 ? " with the AOT cache" : "", loadAverage(), before, (servingAgain.get() - stop) / 1_000_000, during.count(), during, slow,
                max / 1_000_000);
        second.close();
        return restarted[0];
    }

    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /**
     * Loads an untouched account through the store every half second, from the harness's own
     * connection: traffic that keeps nats-server's per-block subject state loaded, as other
     * clients of the server do while one service restarts.
     */
    private static final class Warmer implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private final Connection connection;

        Warmer(ScaleSide side) throws Exception {
            connection = side.connect();
            JetStreamEventStore store = Rita.of(connection, RitaOptions.defaults().withTypes(KmmWire.types()))
                    .eventStore(KmmSubjects.STORE);
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    store.load(KmmSubjects.account(KmmSeeder.account(side.scattered(side.takeCold()))));
                    try {
                        Thread.sleep(WARM_EVERY_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(60_000);
            connection.close();
        }
    }
}

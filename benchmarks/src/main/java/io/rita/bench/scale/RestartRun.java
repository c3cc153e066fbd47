package io.rita.bench.scale;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Restarts on the large store, timed: {@code kmm serve} (a process of its own) alone, nats-server
 * alone, and both (as {@code kmm serve --nats.embed} restarts). After each, deposits on accounts
 * nobody has touched since go one after another until five in a row answer in under 50 ms ("full
 * speed"); what a first load costs the server alone is measured with the store, without a service.
 */
final class RestartRun {

    private static final long FAST_NANOS = 50_000_000L;
    private static final int IN_A_ROW = 5;
    private static final long GIVE_UP_NANOS = 180_000_000_000L;
    private static final int STEADY = 200;

    private RestartRun() {
    }

    static void run(ScaleSide large) throws Exception {
        large.stopService();
        ServeProcess serve = ServeProcess.start(large.server.url());
        large.startClient();
        long[] steady = new long[STEADY];
        for (int i = 0; i < STEADY; i++) {
            steady[i] = large.cold();
        }
        long[] settled = Arrays.copyOfRange(steady, STEADY / 2, STEADY);
        Arrays.sort(settled);
        System.out.printf(Locale.ROOT, "%nsteady state (kmm serve in its own JVM): cold deposits p50 %,d ms, p90 %,d ms;"
                        + " kmm serve resident %s, nats-server resident %s%n", settled[settled.length / 2] / 1_000_000,
                settled[settled.length * 9 / 10] / 1_000_000, ProcessMemory.mib(ProcessMemory.resident(serve.pid())),
                ProcessMemory.mib(ProcessMemory.resident(large.server.pid())));

        serve.close();
        long t0 = System.nanoTime();
        serve = ServeProcess.start(large.server.url());
        report("kmm serve restarted", t0, -1, -1, System.nanoTime() - t0, large);

        t0 = System.nanoTime();
        large.server.stop();
        large.server.start();
        long ready = System.nanoTime() - t0;
        long stream = awaitStream(large) - t0;
        report("nats-server restarted", t0, ready, stream, -1, large);

        serve.close();
        large.server.stop();
        t0 = System.nanoTime();
        large.server.start();
        ready = System.nanoTime() - t0;
        stream = awaitStream(large) - t0;
        List<String> loads = firstLoads(large, 10);
        System.out.printf(Locale.ROOT, "nats-server restarted, no service: ready after %,d ms, stream answering after "
                + "%,d ms; then, for untouched accounts, a direct get of the last event / a whole load by the store "
                + "(ms): %s%n", ready / 1_000_000, stream / 1_000_000, loads);

        serve = ServeProcess.start(large.server.url());
        large.server.stop();
        serve.close();
        t0 = System.nanoTime();
        large.server.start();
        ready = System.nanoTime() - t0;
        stream = awaitStream(large) - t0;
        serve = ServeProcess.start(large.server.url());
        report("both restarted", t0, ready, stream, System.nanoTime() - t0, large);
        System.out.printf(Locale.ROOT, "after the restarts: kmm serve resident %s, nats-server resident %s%n",
                ProcessMemory.mib(ProcessMemory.resident(serve.pid())),
                ProcessMemory.mib(ProcessMemory.resident(large.server.pid())));
        serve.close();
    }

    /** Deposits on untouched accounts until five in a row are fast; prints the timeline. */
    private static void report(String what, long t0, long ready, long stream, long serving, ScaleSide side) {
        List<long[]> timeline = new ArrayList<>();
        int fastInARow = 0;
        while (fastInARow < IN_A_ROW && System.nanoTime() - t0 < GIVE_UP_NANOS) {
            long latency = side.cold();
            timeline.add(new long[]{System.nanoTime() - t0, latency});
            fastInARow = latency < FAST_NANOS ? fastInARow + 1 : 0;
        }
        StringBuilder line = new StringBuilder(what + ":");
        if (ready >= 0) {
            line.append(String.format(Locale.ROOT, " nats-server ready after %,d ms, stream answering after %,d ms;",
                    ready / 1_000_000, stream / 1_000_000));
        }
        if (serving >= 0) {
            line.append(String.format(Locale.ROOT, " kmm serve serving after %,d ms;", serving / 1_000_000));
        }
        line.append(String.format(Locale.ROOT, " first deposit answered at %,d ms (took %,d ms); %d deposits until %d "
                        + "in a row under 50 ms, at %,d ms%n  timeline (ms since the restart: latency ms):",
                timeline.getFirst()[0] / 1_000_000, timeline.getFirst()[1] / 1_000_000, timeline.size(), IN_A_ROW,
                timeline.getLast()[0] / 1_000_000));
        for (int i = 0; i < Math.min(timeline.size(), 30); i++) {
            line.append(String.format(Locale.ROOT, " %,d:%,d", timeline.get(i)[0] / 1_000_000,
                    timeline.get(i)[1] / 1_000_000));
        }
        System.out.println(line);
    }

    /**
     * For {@code count} untouched accounts, one after another: how long a direct get of the
     * account's last event takes (nats-server alone), then a whole load by a fresh store, in ms.
     */
    private static List<String> firstLoads(ScaleSide side, int count) throws IOException, InterruptedException {
        List<String> took = new ArrayList<>();
        try (Connection connection = side.connect()) {
            JetStreamEventStore store = Rita.of(connection, RitaOptions.defaults().withTypes(KmmWire.types()))
                    .eventStore(KmmSubjects.STORE);
            for (int i = 0; i < count; i++) {
                String subject = KmmSubjects.account(KmmSeeder.account(side.scattered(side.takeCold())));
                long started = System.nanoTime();
                Message last = connection.request("$JS.API.DIRECT.GET." + KmmSubjects.STORE,
                        ("{\"last_by_subj\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(60));
                long direct = System.nanoTime() - started;
                if (last == null || last.isStatusMessage()) {
                    throw new IllegalStateException("no last event of " + subject + ": " + last);
                }
                String other = KmmSubjects.account(KmmSeeder.account(side.scattered(side.takeCold())));
                started = System.nanoTime();
                store.load(other);
                took.add(direct / 1_000_000 + "/" + (System.nanoTime() - started) / 1_000_000);
            }
        }
        return took;
    }

    /** Polls until the stream answers stream info; returns when, in {@link System#nanoTime()}. */
    private static long awaitStream(ScaleSide side) throws IOException, InterruptedException {
        try (Connection connection = side.connect()) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            while (true) {
                try {
                    jsm.getStreamInfo(KmmSubjects.STORE);
                    return System.nanoTime();
                } catch (JetStreamApiException | IOException e) {
                    Thread.sleep(10);
                }
            }
        }
    }
}

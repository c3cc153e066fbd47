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
import java.util.List;
import java.util.Locale;

/**
 * Restarts of nats-server on the large store, timed: with {@code kmm serve} running on (it
 * reconnects), without a service (what a first load costs the server alone), and both (as
 * {@code kmm serve --nats.embed} restarts). Each prints where the server's start went, from its
 * own log ({@link ServerLog}), then the time until KMM answers at full speed ({@link FullSpeed}).
 */
final class ServerRestarts {

    private ServerRestarts() {
    }

    static void run(ScaleSide large) throws Exception {
        ServeProcess serve = ServeProcess.start(large.server.url());
        long t0 = System.nanoTime();
        large.server.stop();
        large.server.start();
        long ready = System.nanoTime() - t0;
        long stream = awaitStream(large) - t0;
        System.out.printf(Locale.ROOT, "nats-server restarted under a running kmm serve (load average %s): ready after "
                        + "%,d ms (%s), stream answering after %,d ms; %s%n", RestartRun.loadAverage(),
                ready / 1_000_000, ServerLog.startup(large.server.output(), KmmSubjects.STORE), stream / 1_000_000,
                FullSpeed.measure(large, t0).describe());

        serve.close();
        large.server.stop();
        t0 = System.nanoTime();
        large.server.start();
        ready = System.nanoTime() - t0;
        stream = awaitStream(large) - t0;
        List<String> loads = firstLoads(large, 10);
        System.out.printf(Locale.ROOT, "nats-server restarted, no service (load average %s): ready after %,d ms (%s), "
                        + "stream answering after %,d ms; then, for untouched accounts, a direct get of the last event "
                        + "/ a whole load by the store (ms): %s%n", RestartRun.loadAverage(), ready / 1_000_000,
                ServerLog.startup(large.server.output(), KmmSubjects.STORE), stream / 1_000_000, loads);

        large.server.stop();
        t0 = System.nanoTime();
        large.server.start();
        ready = System.nanoTime() - t0;
        stream = awaitStream(large) - t0;
        serve = ServeProcess.start(large.server.url());
        long serving = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "both restarted (load average %s): nats-server ready after %,d ms (%s), stream "
                        + "answering after %,d ms; kmm serve serving after %,d ms; %s%n", RestartRun.loadAverage(),
                ready / 1_000_000, ServerLog.startup(large.server.output(), KmmSubjects.STORE), stream / 1_000_000,
                serving / 1_000_000, FullSpeed.measure(large, t0).describe());
        System.out.printf(Locale.ROOT, "after the restarts: kmm serve resident %s, nats-server resident %s%n",
                ProcessMemory.mib(ProcessMemory.resident(serve.pid())),
                ProcessMemory.mib(ProcessMemory.resident(large.server.pid())));
        serve.close();
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

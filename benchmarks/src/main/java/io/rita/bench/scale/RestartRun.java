package io.rita.bench.scale;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamInfo;
import io.rita.kmm.service.KmmSubjects;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A restart of nats-server and the service on the large store, timed: until the server is ready,
 * until its stream answers, until the service serves, and then deposits on accounts nobody has
 * touched since, one after another, until five in a row answer in under 50 ms ("full speed").
 */
final class RestartRun {

    private static final long FAST_NANOS = 50_000_000L;
    private static final int IN_A_ROW = 5;
    private static final long GIVE_UP_NANOS = 180_000_000_000L;

    private RestartRun() {
    }

    static void run(ScaleSide large, boolean warmUp) throws Exception {
        large.stopService();
        long stopping = System.nanoTime();
        large.server.stop();
        System.out.printf(Locale.ROOT, "%nrestart: nats-server stopped in %,d ms%n", (System.nanoTime() - stopping) / 1_000_000);

        long t0 = System.nanoTime();
        large.startServer();
        long ready = System.nanoTime() - t0;
        StreamInfo info = awaitStream(large);
        long stream = System.nanoTime() - t0;
        large.startService();
        long service = System.nanoTime() - t0;
        List<long[]> timeline = new ArrayList<>();
        int fastInARow = 0;
        while (fastInARow < IN_A_ROW && System.nanoTime() - t0 < GIVE_UP_NANOS) {
            long latency = large.cold();
            timeline.add(new long[]{System.nanoTime() - t0, latency});
            fastInARow = latency < FAST_NANOS ? fastInARow + 1 : 0;
        }
        long fullSpeed = timeline.getLast()[0];
        System.out.printf(Locale.ROOT, "restart: nats-server ready after %,d ms, stream '%s' (%,d messages) answering "
                        + "after %,d ms, service serving after %,d ms; %d commands until %d in a row under 50 ms, "
                        + "at %,d ms%n", ready / 1_000_000, KmmSubjects.STORE, info.getStreamState().getMsgCount(),
                stream / 1_000_000, service / 1_000_000, timeline.size(), IN_A_ROW, fullSpeed / 1_000_000);
        StringBuilder first = new StringBuilder("restart: command latencies (ms since the restart: latency ms):");
        for (int i = 0; i < Math.min(timeline.size(), 40); i++) {
            first.append(String.format(Locale.ROOT, " %,d:%,d", timeline.get(i)[0] / 1_000_000,
                    timeline.get(i)[1] / 1_000_000));
        }
        System.out.println(first);
        System.out.printf(Locale.ROOT, "restart: nats-server resident %s after the restart%n",
                ProcessMemory.mib(ProcessMemory.resident(large.server.pid())));
    }

    private static StreamInfo awaitStream(ScaleSide side) throws IOException, InterruptedException {
        try (Connection connection = side.connect()) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            while (true) {
                try {
                    return jsm.getStreamInfo(KmmSubjects.STORE);
                } catch (JetStreamApiException | IOException e) {
                    Thread.sleep(10);
                }
            }
        }
    }
}

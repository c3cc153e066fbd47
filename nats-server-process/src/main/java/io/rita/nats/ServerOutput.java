package io.rita.nats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * The last lines a server process wrote, and the watch for its "ready" line. Bounded, because
 * the output is drained for the whole life of the process (a full pipe would block the server)
 * but only the tail is ever shown, in error messages.
 */
final class ServerOutput {

    private static final int MAX_LINES = 300;
    private static final int MAX_LINE_LENGTH = 2_000;
    private static final String LISTENING = "Listening for client connections on ";
    private static final String LISTENING_FOR_ROUTES = "Listening for route connections on ";
    private static final String READY = "Server is ready";
    /** nats-server 2.9 logs these around reading a stream's store, before it is ready. */
    private static final String RESTORING = "Starting restore for stream";
    private static final String RESTORED = "Restored ";
    /**
     * nats-server 2.9 recovers a stream's consumers after its messages, and for a filtered
     * consumer counts what it has pending by walking the store: on 10,000,000 events over
     * 1,000,000 subjects 30 s for a consumer at the start of the stream (a projection being built).
     */
    private static final String RECOVERING_CONSUMERS = "Recovering ";

    private final Deque<String> lines = new ArrayDeque<>();
    /** Whether the server said it started restoring a stream or its consumers and has not said it is done. */
    private volatile boolean restoring;

    /** The ports a ready server listens on: for clients, and for routes ({@code 0}: not clustered). */
    record Ports(int client, int route) {
    }

    /**
     * Reads a server's output until it exits. Completes {@code ready} with the ports once the
     * server logs that it is ready and, when {@code clustered}, where it listens for routes (which
     * nats-server 2.9 logs just after "ready"); the ports come from the "Listening" lines, which
     * is how a server started on any free port tells us its ports. Completes exceptionally when
     * the output ends first.
     */
    void drain(InputStream stream, CompletableFuture<Ports> ready, boolean clustered) {
        int listening = 0;
        int routes = 0;
        boolean saidReady = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                add(line);
                if (line.contains(RESTORING) || line.contains(RECOVERING_CONSUMERS) && line.contains("consumers")) {
                    restoring = true;
                } else if (line.contains(RESTORED) || line.contains(LISTENING)) {
                    restoring = false;
                }
                if (line.contains(LISTENING)) {
                    listening = port(line, LISTENING);
                } else if (line.contains(LISTENING_FOR_ROUTES)) {
                    routes = port(line, LISTENING_FOR_ROUTES);
                } else if (line.contains(READY)) {
                    saidReady = true;
                    if (listening == 0) {
                        ready.completeExceptionally(new IllegalStateException(
                                "nats-server said it is ready without saying where it listens"));
                    }
                }
                if (saidReady && !ready.isDone() && (!clustered || routes != 0)) {
                    ready.complete(new Ports(listening, routes));
                }
            }
        } catch (IOException | RuntimeException e) {
            add("(reading nats-server output failed: " + e + ")");
        }
        ready.completeExceptionally(new IllegalStateException("nats-server output ended before it was ready"));
    }

    /** Whether the server is restoring a stream or its consumers from its store now (long on a large store). */
    boolean restoring() {
        return restoring;
    }

    /** The port at the end of "... on host:port". */
    private static int port(String line, String marker) {
        String address = line.substring(line.indexOf(marker) + marker.length()).strip();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    synchronized void add(String line) {
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
        }
        lines.addLast(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + "..." : line);
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}

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
    private static final String READY = "Server is ready";

    private final Deque<String> lines = new ArrayDeque<>();

    /**
     * Reads a server's output until it exits. Completes {@code ready} with the client port once the
     * server logs that it is ready (the port comes from the "Listening" line just before, which is
     * how a server started on any free port tells us its port), or exceptionally when the output
     * ends first.
     */
    void drain(InputStream stream, CompletableFuture<Integer> ready) {
        int listening = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                add(line);
                int at = line.indexOf(LISTENING);
                if (at >= 0) {
                    String address = line.substring(at + LISTENING.length()).strip();
                    listening = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                } else if (line.contains(READY) && !ready.isDone()) {
                    if (listening == 0) {
                        ready.completeExceptionally(new IllegalStateException(
                                "nats-server said it is ready without saying where it listens"));
                    } else {
                        ready.complete(listening);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            add("(reading nats-server output failed: " + e + ")");
        }
        ready.completeExceptionally(new IllegalStateException("nats-server output ended before it was ready"));
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

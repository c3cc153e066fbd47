package io.rita.kmm.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One server-sent-events response: frames are queued by whoever produces them (a NATS
 * dispatcher thread, which must never block) and written by the exchange's own thread in
 * {@link #serve}.
 *
 * <p>A comment line goes out when nothing else has for {@code keepAlive}: proxies keep the
 * connection, and a browser that has gone is noticed at the next write, which ends the response
 * and with it the subscription behind it. A client that does not read fills its queue; then the
 * channel closes, and the browser's {@code EventSource} reconnects and starts again from the
 * history, rather than the service holding an unbounded backlog for it.
 */
final class EventChannel implements AutoCloseable {

    /** How long {@code EventSource} waits before reconnecting, in milliseconds. */
    static final int RETRY_MILLIS = 2_000;

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> frames;
    private final AtomicBoolean open = new AtomicBoolean(true);

    EventChannel(int capacity) {
        this.frames = new LinkedBlockingQueue<>(capacity);
    }

    /** Queues one event; never blocks. Returns {@code false} once the channel is closed or has overflowed. */
    boolean send(String event, long id, Object data) {
        if (!open.get()) {
            return false;
        }
        String json;
        try {
            json = HttpReplies.JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event of " + event, e);
        }
        // JSON as Jackson writes it has no line breaks, so one data line holds it
        String frame = "event: " + event + "\n" + (id > 0 ? "id: " + id + "\n" : "") + "data: " + json + "\n\n";
        if (!frames.offer(HttpReplies.utf8(frame))) {
            close();
            return false;
        }
        return true;
    }

    /** Ends the response after what is queued, from any thread. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false) && !frames.offer(END)) {
            // full: the client is not reading; what it did not read is lost either way
            frames.clear();
            frames.offer(END);
        }
    }

    /**
     * Sends the response head and then the frames as they come, until {@link #close()} or the
     * client goes away.
     *
     * @throws IOException when the client has gone
     */
    void serve(HttpExchange exchange, Duration keepAlive) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(HttpReplies.utf8("retry: " + RETRY_MILLIS + "\n\n"));
            out.flush();
            while (true) {
                byte[] frame = frames.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (frame == END) {
                    return;
                }
                out.write(frame == null ? HttpReplies.utf8(": keep-alive\n\n") : frame);
                if (frames.isEmpty()) {
                    out.flush();
                }
            }
        } finally {
            open.set(false);
        }
    }
}

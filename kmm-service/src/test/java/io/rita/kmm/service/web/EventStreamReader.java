package io.rita.kmm.service.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A server-sent-events response read in the background into events, in order. */
final class EventStreamReader implements AutoCloseable {

    /** One event: its name, id ({@code ""} when none) and data. */
    record Event(String name, String id, String data) {
    }

    /** Put in the queue when the server ends the stream. */
    static final Event END = new Event("(end of stream)", "", "");

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    EventStreamReader(HttpResponse<InputStream> response) {
        this.response = response;
        Thread.ofVirtual().name("event-stream-reader").start(this::read);
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The next event (or {@link #END}); fails when none comes within the patience. */
    Event next() {
        try {
            Event event = events.poll(PageClient.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + PageClient.PATIENCE);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next event of this name, skipping others; fails at the end of the stream. */
    Event next(String name) {
        while (true) {
            Event event = next();
            if (event == END) {
                throw new AssertionError("the stream ended before a '" + name + "' event");
            }
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            String id = "";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, id, data.toString()));
                    }
                    name = "message";
                    id = "";
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test, or the server went away: the end either way
        }
        events.add(END);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already gone
        }
    }
}

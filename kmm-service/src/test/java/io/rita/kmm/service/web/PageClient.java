package io.rita.kmm.service.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The page's HTTP API as a test calls it: plain requests with {@link HttpClient}, raw requests
 * over a socket for what {@link HttpClient} will not send (a foreign {@code Host}, a false
 * {@code Content-Length}), and event streams read line by line.
 */
final class PageClient {

    /** How long any one answer may take before the test fails instead of hanging. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();

    PageClient(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, (String) null, Map.of());
    }

    HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, Map.of("Content-Type", "application/json"));
    }

    /** A POST whose length is not declared: the body goes out in chunks, as a stream's would. */
    HttpResponse<String> postChunked(String path, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return send("POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                Map.of("Content-Type", "application/json"));
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body,
                                      Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(PATIENCE)
                .method(method, body);
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends {@code head} (request line and headers, without the blank line) as is; returns the status line. */
    String raw(String head) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens an event stream; fails unless the answer is a 200 event stream. */
    EventStreamReader events(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream").build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + body);
            }
            return new EventStreamReader(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

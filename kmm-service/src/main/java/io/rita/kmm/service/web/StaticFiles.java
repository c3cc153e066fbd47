package io.rita.kmm.service.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page itself: plain HTML, CSS and JavaScript files among this package's resources, read
 * once at start. There is no build step and nothing is fetched from elsewhere.
 */
final class StaticFiles {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "kmm.css", "text/css; charset=utf-8",
            "kmm.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "chart.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private record File(String type, byte[] body) {
    }

    private final Map<String, File> files;

    private StaticFiles(Map<String, File> files) {
        this.files = files;
    }

    /**
     * Reads every file.
     *
     * @throws IllegalStateException when one is missing from the class path (a broken build)
     */
    static StaticFiles load() {
        Map<String, File> files = new java.util.HashMap<>();
        FILES.forEach((name, type) -> {
            try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the web page's file " + name + " is missing from the class path");
                }
                files.put(name, new File(type, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the web page's file " + name, e);
            }
        });
        return new StaticFiles(Map.copyOf(files));
    }

    /** Whether a file of this name is served. */
    boolean has(String name) {
        return files.containsKey(name);
    }

    /** Sends a file; {@code ""} is the page. */
    void send(HttpExchange exchange, String name) throws IOException {
        File file = Optional.ofNullable(files.get(name.isEmpty() ? "index.html" : name))
                .orElseThrow(() -> new HttpError(404, "no such file: " + PagePath.shorten(name)));
        // revalidated on each load, so a new version of the page is picked up at once
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        HttpReplies.send(exchange, 200, file.type(), file.body());
    }
}

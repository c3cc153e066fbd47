package io.rita.kmm.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.rita.service.Reply;
import io.rita.service.ServiceHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the page's responses: JSON, errors as {@code {"error":"…"}}, and the security headers
 * every response carries.
 */
final class HttpReplies {

    /**
     * Scripts, styles and connections from the page's own origin only; no inline script or
     * style, no plugins, no framing, no form posts: a description that holds markup can do
     * nothing even if it ever reached the DOM as HTML.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static final ObjectMapper JSON = new ObjectMapper();

    /** How much of a refused body is read and dropped once the answer is out (as Tomcat's maxSwallowSize). */
    static final long DROPPED = 2L * 1024 * 1024;

    private HttpReplies() {
    }

    /** Headers for every response, set before anything else can fail. */
    static void secure(HttpExchange exchange) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Cache-Control", "no-store");
    }

    /** A JSON body with {@code status}. */
    static void json(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
        send(exchange, status, "application/json; charset=utf-8", body);
    }

    /** An error as {@code {"error":"<message>"}}, with {@code Allow} for a 405. */
    static void error(HttpExchange exchange, HttpError error) throws IOException {
        error.allow().ifPresent(allow -> exchange.getResponseHeaders().set("Allow", allow));
        json(exchange, error.status(), Map.of("error", error.getMessage()));
    }

    /**
     * Reads and drops what is left of a refused request's body, up to {@link #DROPPED} bytes, once
     * the answer is sent. A server that closes a connection with request bytes unread makes the
     * kernel reset it, and the client may then lose the answer already sent ("header parser
     * received no bytes") instead of reading why it was refused; the JDK's server drops only
     * 64 KiB by itself. A body declared larger is not waited for, and an endless one is not read
     * to its end: the connection is closed then, as before.
     */
    private static void dropBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && !(length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) <= DROPPED)) {
            return;
        }
        byte[] dropped = new byte[8192];
        long left = DROPPED;
        try {
            InputStream in = exchange.getRequestBody();
            while (left > 0) {
                int read = in.read(dropped, 0, (int) Math.min(dropped.length, left));
                if (read < 0) {
                    return;
                }
                left -= read;
            }
        } catch (IOException e) {
            // the body was read and closed already, or the client went: the answer goes out all the same
        }
    }

    /** A body of a given type; none for {@code HEAD}. */
    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
            if (status >= 400) {
                // the answer is on its way first: a client that waits before sending its body gets it
                out.flush();
                dropBody(exchange);
            }
        }
    }

    /** A 204 with no body. */
    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
        exchange.getResponseBody().close();
    }

    /**
     * The HTTP error for a failed dispatch: 400 for a request that cannot be read, 422 for one
     * the account's rules refuse (the {@value ServiceHeaders#ERROR_KIND} header tells them
     * apart), and the framework's own code otherwise.
     */
    static HttpError of(Reply.Failure failure) {
        int status = switch (failure.code()) {
            case Reply.Failure.BAD_REQUEST ->
                    ServiceHeaders.REJECTION.equals(failure.headers().get(ServiceHeaders.ERROR_KIND)) ? 422 : 400;
            case Reply.Failure.NOT_FOUND, Reply.Failure.CONFLICT, Reply.Failure.TOO_LARGE,
                 Reply.Failure.UNAVAILABLE -> failure.code();
            default -> 500;
        };
        return new HttpError(status, failure.message());
    }

    /** Text as UTF-8 bytes. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.rita.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link Request}: a success with the route's body, or a failure with a code and
 * a message meant for the caller.
 *
 * <pre>{@code
 * switch (dispatcher.dispatch(request)) {
 *     case Reply.Success ok -> show(ok.body());
 *     case Reply.Failure failed -> System.err.println(failed.code() + " " + failed.message());
 * }
 * }</pre>
 *
 * <p>{@link #body()} and {@link #headers()} are what goes on the wire: a failure's body is its
 * message (so a plain NATS client prints it) and its headers carry the NATS service API's
 * {@code Nats-Service-Error} and {@code Nats-Service-Error-Code}.
 */
public sealed interface Reply permits Reply.Success, Reply.Failure {

    /** The reply body as sent. */
    byte[] body();

    /** The reply headers as sent. */
    Map<String, String> headers();

    /** Whether this is a {@link Success}. */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** The body as UTF-8 text. */
    default String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /**
     * The request was served.
     *
     * @param body    the route's reply body (empty by default)
     * @param headers reply headers, such as {@value ServiceHeaders#SEQUENCE}
     */
    record Success(byte[] body, Map<String, String> headers) implements Reply {

        public Success {
            body = body == null ? new byte[0] : body;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Success that && Arrays.equals(body, that.body) && headers.equals(that.headers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(body), headers);
        }

        @Override
        public String toString() {
            return "Success[" + text() + ", headers=" + headers + "]";
        }
    }

    /**
     * The request was not served; nothing was appended (see the codes below).
     *
     * @param code    {@value #BAD_REQUEST}, {@value #NOT_FOUND}, {@value #CONFLICT},
     *                {@value #TOO_LARGE}, {@value #INTERNAL}, {@value #NOT_IMPLEMENTED} or
     *                {@value #UNAVAILABLE}
     * @param message what went wrong, for the caller; never a stack trace
     * @param headers the reply headers, including the two service-API error headers
     */
    record Failure(int code, String message, Map<String, String> headers) implements Reply {

        /** A rejected command or query, or input that cannot be read ({@value ServiceHeaders#ERROR_KIND} says which). */
        public static final int BAD_REQUEST = 400;
        /** No route serves the request's subject. */
        public static final int NOT_FOUND = 404;
        /** The aggregate kept changing (after retries), or is not at the client's expected sequence. */
        public static final int CONFLICT = 409;
        /** The request body, or the events it caused, are larger than allowed. */
        public static final int TOO_LARGE = 413;
        /** A fault on the service's side; details are in its log, under the reference in the message. */
        public static final int INTERNAL = 500;
        /** The route needs a transport the dispatcher alone does not have (stream routes need NATS). */
        public static final int NOT_IMPLEMENTED = 501;
        /**
         * The service cannot answer for now: at a limit (too many live streams), its store does not
         * answer (no stream leader, nats-server restarting), or its store is behind a query's
         * {@value ServiceHeaders#MIN_SEQUENCE}; try again later (a command with the same command id).
         */
        public static final int UNAVAILABLE = 503;

        public Failure {
            Objects.requireNonNull(message, "message");
            Map<String, String> all = new LinkedHashMap<>(headers == null ? Map.of() : headers);
            // NATS header values are printable ASCII on one line; the body keeps the message as it is
            all.put(ServiceHeaders.SERVICE_ERROR, message.replaceAll("[\\r\\n\\t]+", " ")
                    .replaceAll("[^\\x20-\\x7E]", "?"));
            all.put(ServiceHeaders.SERVICE_ERROR_CODE, Integer.toString(code));
            headers = Map.copyOf(all);
        }

        /** A failure with only the service-API error headers. */
        public Failure(int code, String message) {
            this(code, message, Map.of());
        }

        /** A 400 for a domain's refusal: {@value ServiceHeaders#ERROR_KIND} {@value ServiceHeaders#REJECTION}. */
        public static Failure rejected(String message) {
            return new Failure(BAD_REQUEST, message, Map.of(ServiceHeaders.ERROR_KIND, ServiceHeaders.REJECTION));
        }

        /**
         * A 400 for a request that cannot be read as sent: {@value ServiceHeaders#ERROR_KIND}
         * {@value ServiceHeaders#BAD_REQUEST}.
         */
        public static Failure badRequest(String message) {
            return new Failure(BAD_REQUEST, message, Map.of(ServiceHeaders.ERROR_KIND, ServiceHeaders.BAD_REQUEST));
        }

        @Override
        public byte[] body() {
            return message.getBytes(StandardCharsets.UTF_8);
        }
    }
}

package io.rita.kmm.service.web;

import com.sun.net.httpserver.HttpExchange;
import io.rita.kmm.service.KmmSubjects;
import io.rita.service.Dispatcher;
import io.rita.service.Reply;
import io.rita.service.Request;
import io.rita.service.ServiceHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/accounts/<account>/<operation>}: the body goes, as it came, to the service's
 * dispatcher on {@code kmm.services.<account>.<operation>}, so it is read, checked, refused and
 * stored exactly as the NATS endpoint's request would be. Success is a 204 with the stored
 * sequence in {@value ServiceHeaders#SEQUENCE}; a failure is the dispatcher's message with a
 * status from {@link HttpReplies#of}.
 *
 * <p>The page adds three checks of its own, before the dispatcher: the operation is one of the
 * four commands (404), the body is declared as JSON (415: a cross-site form cannot send that
 * without the browser asking first), and the body is no longer than the dispatcher would take
 * (413, told from {@code Content-Length} or while reading, so an endless body is not read to its
 * end; once the 413 is sent, {@link HttpReplies} reads and drops what is left of the body up to
 * 2 MiB, so that the client reads the 413 rather than a reset connection). A
 * {@value ServiceHeaders#COMMAND_ID} header is passed on: a command re-sent with the same id is
 * answered as the first time and stored once.
 */
final class CommandEndpoint {

    /** The commands the page may send, by their NATS operation names. */
    static final Set<String> OPERATIONS = Set.of("deposit-funds", "withdraw-funds", "set-budget", "remove-budget");

    private final Dispatcher dispatcher;
    private final int maxBody;

    CommandEndpoint(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.maxBody = dispatcher.options().maxBodyBytes();
    }

    /**
     * Returns {@code operation} when it is one of the four commands.
     *
     * @throws HttpError 404 naming the four otherwise
     */
    static String requireOperation(String operation) {
        if (!OPERATIONS.contains(operation)) {
            throw new HttpError(404, "unknown operation '" + PagePath.shorten(operation) + "'; the page's commands "
                    + "are deposit-funds, withdraw-funds, set-budget and remove-budget");
        }
        return operation;
    }

    /** Sends one command (its account and operation checked by the caller) and answers. */
    void handle(HttpExchange exchange, String account, String operation) throws IOException {
        requireJson(exchange);
        byte[] body = body(exchange);
        Map<String, String> headers = new HashMap<>();
        String commandId = exchange.getRequestHeaders().getFirst(ServiceHeaders.COMMAND_ID);
        if (commandId != null) {
            headers.put(ServiceHeaders.COMMAND_ID, commandId);
        }
        Reply reply = dispatcher.dispatch(new Request(KmmSubjects.service(account, operation), headers, body));
        switch (reply) {
            case Reply.Success success -> {
                String sequence = success.headers().get(ServiceHeaders.SEQUENCE);
                if (sequence != null) {
                    exchange.getResponseHeaders().set(ServiceHeaders.SEQUENCE, sequence);
                }
                HttpReplies.noContent(exchange);
            }
            case Reply.Failure failure -> throw HttpReplies.of(failure);
        }
    }

    private static void requireJson(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new HttpError(415, "send commands as JSON with Content-Type: application/json"
                    + (type == null ? "" : ", not '" + PagePath.shorten(type) + "'"));
        }
    }

    private byte[] body(HttpExchange exchange) throws IOException {
        // the stream is left open when the body is refused: HttpReplies drops what is left of it
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > maxBody) {
            throw tooLarge(length.strip());
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(maxBody + 1);
        if (body.length > maxBody) {
            throw tooLarge("more than " + maxBody);
        }
        return body;
    }

    private HttpError tooLarge(String size) {
        return new HttpError(413, "request body is " + size + " bytes, over the limit of " + maxBody + " bytes");
    }
}

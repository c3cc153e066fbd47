package io.rita.client;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.rita.service.ServiceHeaders;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads a service's reply: the NATS service API's error headers and Rita's own. */
final class Replies {

    private static final byte[] EMPTY = new byte[0];

    private Replies() {
    }

    /** The reply's error code, or {@code 0} for a success. A failure without a readable code is a 500. */
    static int code(Message reply) {
        Headers headers = reply.getHeaders();
        if (headers == null) {
            return 0;
        }
        String code = headers.getFirst(ServiceHeaders.SERVICE_ERROR_CODE);
        if (code == null) {
            return headers.getFirst(ServiceHeaders.SERVICE_ERROR) == null ? 0 : 500;
        }
        try {
            int parsed = Integer.parseInt(code.strip());
            return parsed == 0 ? 500 : parsed;
        } catch (NumberFormatException e) {
            return 500;
        }
    }

    /** The reply body, never {@code null}. */
    static byte[] body(Message reply) {
        return reply.getData() == null ? EMPTY : reply.getData();
    }

    /** A failure's text: the body (which has it exactly), else the error header. */
    static String text(Message reply) {
        byte[] body = body(reply);
        if (body.length > 0) {
            return new String(body, StandardCharsets.UTF_8);
        }
        String header = reply.getHeaders() == null ? null : reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR);
        return header == null ? "" : header;
    }

    /** {@value ServiceHeaders#SEQUENCE}, or {@link CommandResult#UNKNOWN_SEQUENCE}. */
    static long sequence(Message reply) {
        String value = reply.getHeaders() == null ? null : reply.getHeaders().getFirst(ServiceHeaders.SEQUENCE);
        if (value == null) {
            return CommandResult.UNKNOWN_SEQUENCE;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return CommandResult.UNKNOWN_SEQUENCE;
        }
    }

    private static boolean isRejection(Message reply) {
        return isKind(reply, ServiceHeaders.REJECTION);
    }

    /** Whether the reply's {@value ServiceHeaders#ERROR_KIND} is {@code kind}. */
    private static boolean isKind(Message reply, String kind) {
        String told = reply.getHeaders() == null ? null : reply.getHeaders().getFirst(ServiceHeaders.ERROR_KIND);
        return kind.equalsIgnoreCase(told);
    }

    /**
     * A command's answer as a result.
     *
     * @param unanswered whether an earlier send of the command got no answer (it may be stored
     *                   whatever this reply says, if the reply is a fault)
     * @throws ServiceCallException {@link ServiceCallException.Kind#FAILED} for a 500 or another
     *                              code a caller cannot act on
     */
    static CommandResult command(String subject, String commandId, Message reply, boolean unanswered) {
        int code = code(reply);
        return switch (code) {
            case 0 -> new CommandResult.Accepted(commandId, sequence(reply), body(reply));
            case 400 -> isRejection(reply) ? new CommandResult.Rejected(commandId, text(reply))
                    : new CommandResult.BadRequest(commandId, text(reply));
            case 413 -> new CommandResult.BadRequest(commandId, text(reply));
            case 404 -> new CommandResult.NotFound(commandId, text(reply));
            case 409 -> new CommandResult.Conflict(commandId, sequence(reply), text(reply));
            case 503 -> new CommandResult.Unavailable(commandId, text(reply));
            // a 500 may come after the append (the store did not confirm it): the outcome is open,
            // unless the service says its store is not set up for it, or it cannot read the
            // aggregate's events (it decided nothing); 501 means the route cannot take commands at all
            default -> {
                boolean setup = isKind(reply, ServiceHeaders.STORE_SETUP) || isKind(reply, ServiceHeaders.UNREADABLE);
                throw new ServiceCallException(ServiceCallException.Kind.FAILED, subject, commandId, code, null,
                        unanswered || (code >= 500 && code != 501 && !setup), text(reply)
                        + (unanswered && setup ? "; but an earlier send of command id " + commandId + " got no answer,"
                        + " so the command may be stored all the same" : ""), null);
            }
        };
    }

    /**
     * The body of a successful answer to a query or a live stream request.
     *
     * @throws ServiceCallException with the kind the failure's code stands for, and the service's text
     */
    static byte[] success(String subject, Message reply) {
        int code = code(reply);
        if (code == 0) {
            return body(reply);
        }
        ServiceCallException.Kind kind = switch (code) {
            case 400 -> isRejection(reply) ? ServiceCallException.Kind.REJECTED : ServiceCallException.Kind.BAD_REQUEST;
            case 413 -> ServiceCallException.Kind.BAD_REQUEST;
            case 404 -> ServiceCallException.Kind.NOT_FOUND;
            case 503 -> ServiceCallException.Kind.UNAVAILABLE;
            default -> ServiceCallException.Kind.FAILED;
        };
        throw new ServiceCallException(kind, subject, null, code, null, false, text(reply), null);
    }

    /** A message's headers, the first value of each. */
    static Map<String, String> headers(Message message) {
        Map<String, String> headers = new HashMap<>();
        if (message.getHeaders() != null) {
            message.getHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.getFirst());
                }
            });
        }
        return headers;
    }
}

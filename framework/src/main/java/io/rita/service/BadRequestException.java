package io.rita.service;

import java.util.Objects;

/**
 * A request that cannot be served as sent: a malformed body, a missing field, a bad subject
 * token, a bad header. The dispatcher replies 400 with the message; nothing is appended.
 *
 * <p>Throw it from a {@link CommandDecoder} or an aggregate subject function to refuse a request
 * with a message meant for the caller:
 *
 * <pre>{@code
 * (body, json) -> { if (body.length == 0) throw new BadRequestException("ping needs a body"); ... }
 * (request, command) -> "orders." + Subjects.requireToken("order id", command.orderId())  // IllegalArgumentException: 400 too
 * }</pre>
 *
 * <p>It is an expected outcome, so it carries no stack trace.
 */
public class BadRequestException extends RuntimeException {

    /** Which part of a request was refused: what the caller has to change. */
    public enum Part {
        /** The subject, e.g. a token holding {@code .} or {@code *}. */
        SUBJECT,
        /** A header, e.g. a command id with a space. */
        HEADER,
        /** The body, or a command field read from it. */
        BODY
    }

    private final Part part;

    /** A bad request whose message is shown to the caller as is; the part is {@link Part#BODY}. */
    public BadRequestException(String message) {
        this(Part.BODY, message);
    }

    /** A bad request in {@code part}, whose message is shown to the caller as is. */
    public BadRequestException(Part part, String message) {
        super(message, null, false, false);
        this.part = Objects.requireNonNull(part, "part");
    }

    /** Which part of the request was refused. */
    public Part part() {
        return part;
    }
}

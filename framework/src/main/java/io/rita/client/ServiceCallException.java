package io.rita.client;

import java.util.Objects;

/**
 * A call to a service that did not come back with an answer the caller can act on as a result:
 * no answer in time, nobody serving the subject, a refusal by the NATS server, a failure of the
 * service, or, for queries and live streams (which have no result type of their own), the
 * service's refusal.
 *
 * <pre>{@code
 * try {
 *     shows.send("shows.services.gala.reserve-seat", new ReserveSeat("A1", "ann"));
 * } catch (ServiceCallException e) {
 *     if (e.mayBeStored()) {
 *         // timed out (after one resend), or the service failed mid-command: nothing is lost by
 *         // sending it again with the same id, which counts once
 *         shows.send(e.subject(), command, CommandOptions.defaults().withCommandId(e.commandId()));
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #mayBeStored()} answers the one question a caller of a command must never have to
 * guess: whether the command may have been stored. When it is {@code false}, the command was
 * certainly not stored (it never reached a service, the service refused it before storing, or
 * its store is not set up for it: a 500 with {@code Rita-Error-Kind: store-setup}, which sending
 * again does not fix).
 * For the kinds that report a service's own answer ({@link Kind#REJECTED}, {@link Kind#BAD_REQUEST},
 * {@link Kind#NOT_FOUND}, {@link Kind#UNAVAILABLE}, {@link Kind#FAILED}) the message is the
 * service's text as it sent it.
 */
public class ServiceCallException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** No answer in time; a command was sent again with the same id first, and timed out again. */
        TIMEOUT,
        /** Nobody serves the subject (NATS "no responders"): no service got the request. */
        NO_RESPONDERS,
        /** The NATS server refused to let this user publish the request: it reached no service. */
        PUBLISH_DENIED,
        /** The NATS server refused a subscription: the reply inbox, or a live stream's delivery subject. */
        SUBSCRIBE_DENIED,
        /** A query or live stream the domain refused (400, {@code Rita-Error-Kind: rejection}). */
        REJECTED,
        /** A query or live stream request the service could not read as sent (400, 413). */
        BAD_REQUEST,
        /** No route serves the subject (404, the runner's fallback). */
        NOT_FOUND,
        /**
         * A query or live stream the service cannot serve for now (503: its store does not answer or
         * is behind, a projection is not ready, too many live streams); asking again later may succeed.
         */
        UNAVAILABLE,
        /** The service failed (500 and any other code); {@link #code()} has its code. */
        FAILED,
        /** A reply or an event that cannot be read as the caller's type. */
        UNREADABLE,
        /** A live stream lost events (the client read more slowly than they came). */
        GAP,
        /** The connection to NATS is closed or was lost. */
        CONNECTION,
        /** The calling thread was interrupted while it waited (its interrupt flag is set again). */
        INTERRUPTED
    }

    private final Kind kind;
    private final String subject;
    private final String commandId;
    private final int code;
    private final String deniedSubject;
    private final boolean mayBeStored;

    /**
     * A failed call.
     *
     * @param kind          what went wrong
     * @param subject       the request subject (for a live stream: its delivery subject on a gap)
     * @param commandId     the command's id, or {@code null} for a query or a live stream
     * @param code          the service's {@code Nats-Service-Error-Code}, or {@code 0} when no service answered
     * @param deniedSubject the subject the NATS server refused, or {@code null}
     * @param mayBeStored   whether the command may have been stored
     * @param message       what happened and what to do
     * @param cause         the underlying exception, or {@code null}
     */
    public ServiceCallException(Kind kind, String subject, String commandId, int code, String deniedSubject,
                                boolean mayBeStored, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subject = subject;
        this.commandId = commandId;
        this.code = code;
        this.deniedSubject = deniedSubject;
        this.mayBeStored = mayBeStored;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The request subject, e.g. {@code shows.services.gala.reserve-seat}. */
    public String subject() {
        return subject;
    }

    /** The command's id ({@code Rita-Command-Id}), or {@code null} when the call was not a command. */
    public String commandId() {
        return commandId;
    }

    /** The service's error code (400, 404, 500, ...), or {@code 0} when no service answered. */
    public int code() {
        return code;
    }

    /** For {@link Kind#PUBLISH_DENIED} and {@link Kind#SUBSCRIBE_DENIED}: the subject refused; else {@code null}. */
    public String deniedSubject() {
        return deniedSubject;
    }

    /**
     * Whether the command may have been stored: {@code true} when a send got no answer, or the
     * service failed while handling it (a 5xx other than store-setup). Sending it again with
     * {@link #commandId()} is then safe: the service stores it once. Always {@code false} when the
     * call was not a command.
     */
    public boolean mayBeStored() {
        return mayBeStored;
    }
}

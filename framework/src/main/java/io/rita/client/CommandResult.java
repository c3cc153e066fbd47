package io.rita.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a service answered to a command: stored, or refused for a reason the caller can act on.
 * Faults (no answer in time, nobody serving the subject, a refusal by the NATS server, a failure
 * of the service) are a {@link ServiceCallException} instead.
 *
 * <pre>{@code
 * switch (shows.send("shows.services.gala.reserve-seat", new ReserveSeat("A1", "ann"))) {
 *     case CommandResult.Accepted ok -> System.out.println("stored at " + ok.sequence());
 *     case CommandResult.Rejected no -> System.out.println(no.message());        // shows: seat A1 is taken
 *     case CommandResult.Conflict stale -> refreshAndDecideAgain(stale.sequence());
 *     case CommandResult.BadRequest bad -> throw new IllegalStateException(bad.message());
 *     case CommandResult.NotFound missing -> throw new IllegalStateException(missing.message());
 *     case CommandResult.Unavailable busy -> sendAgainLater(busy.commandId());
 * }
 * }</pre>
 *
 * <p>{@link Accepted} says the command is stored; {@link Unavailable} leaves it open (the store
 * may have taken it before it stopped answering) until it is sent again with the same id; the
 * others stored nothing. A command sent again with the same id after it was stored is
 * {@link Accepted} again, with the same sequence.
 */
public sealed interface CommandResult {

    /** The sequence of a reply that did not say (a service that is not a Rita service). */
    long UNKNOWN_SEQUENCE = -1;

    /** The command's id, as sent in {@code Rita-Command-Id}: the same for every send of one command. */
    String commandId();

    /**
     * The command is stored (now, or by an earlier send with the same id).
     *
     * @param commandId the command's id
     * @param sequence  the aggregate's sequence after the command ({@code Rita-Sequence}), or
     *                  {@link #UNKNOWN_SEQUENCE}
     * @param body      the route's reply body (empty unless the route sets a reply)
     */
    record Accepted(String commandId, long sequence, byte[] body) implements CommandResult {

        /** Copies the body. */
        public Accepted {
            Objects.requireNonNull(commandId, "commandId");
            body = body == null ? new byte[0] : body.clone();
        }

        /** The reply body (a copy). */
        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The reply body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Accepted that && commandId.equals(that.commandId) && sequence == that.sequence
                    && Arrays.equals(body, that.body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(commandId, sequence, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return "Accepted[commandId=" + commandId + ", sequence=" + sequence + ", body=" + text() + "]";
        }
    }

    /**
     * The domain refused the command (a {@code Rejection}); nothing was stored.
     *
     * @param commandId the command's id
     * @param message   the domain's reason, e.g. {@code shows: seat A1 is taken}
     */
    record Rejected(String commandId, String message) implements CommandResult {
    }

    /**
     * The aggregate was not at the expected sequence (or other writers kept winning); nothing was
     * stored. Read again, decide again, and send with the new expectation.
     *
     * @param commandId the command's id
     * @param sequence  the aggregate's current sequence, or {@link #UNKNOWN_SEQUENCE}
     * @param message   what happened
     */
    record Conflict(String commandId, long sequence, String message) implements CommandResult {
    }

    /**
     * The service could not read the command as sent (a missing field, a bad subject token, an id
     * used on another aggregate, a body or events too large); nothing was stored. Sending it again
     * unchanged gets the same answer.
     *
     * @param commandId the command's id
     * @param message   what is wrong, e.g. {@code bad request body: field 'guest' is missing or null}
     */
    record BadRequest(String commandId, String message) implements CommandResult {
    }

    /**
     * No route of the service serves the subject (the runner's fallback answered 404); nothing was stored.
     *
     * @param commandId the command's id
     * @param message   the service's text, {@code unknown service operation}
     */
    record NotFound(String commandId, String message) implements CommandResult {
    }

    /**
     * The service's event store did not answer for now (503: a cluster electing a stream leader,
     * nats-server restarting): the command may or may not be stored. Send it again with the same
     * id, {@code CommandOptions.defaults().withCommandId(commandId())}, after a pause: if it was
     * stored, the answer is {@link Accepted} with its sequence, else the resend stores it, once
     * either way. A new id could store it twice.
     *
     * @param commandId the command's id
     * @param message   the service's text
     */
    record Unavailable(String commandId, String message) implements CommandResult {
    }
}

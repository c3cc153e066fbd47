package io.rita.client;

import io.rita.client.ServiceCallException.Kind;

import java.time.Duration;

/**
 * The exceptions for calls that got no answer, worded so that the caller knows whether a command
 * may be stored and what to do.
 */
final class Faults {

    private Faults() {
    }

    /**
     * The exception for an attempt that is not an answer.
     *
     * @param commandId  the command's id, or {@code null} for a query or stream request
     * @param unanswered whether an earlier send of the command got no answer
     * @param sends      how often the request was sent
     */
    static ServiceCallException of(Exchange.Attempt attempt, String subject, String commandId, boolean unanswered,
                                   int sends, Duration timeout) {
        boolean command = commandId != null;
        return switch (attempt) {
            case Exchange.TimedOut t -> command
                    ? new ServiceCallException(Kind.TIMEOUT, subject, commandId, 0, null, true,
                            "no answer from " + subject + " within " + seconds(timeout)
                                    + (sends > 1 ? ", " + sends + " sends with command id " + commandId : "")
                                    + ": the command may or may not be stored; send it again with command id "
                                    + commandId + " and it counts once (is the service running and connected to"
                                    + " this NATS server?)", null)
                    : new ServiceCallException(Kind.TIMEOUT, subject, null, 0, null, false,
                            "no answer from " + subject + " within " + seconds(timeout) + "; is the service running"
                                    + " and connected to this NATS server? (a query or a stream request stores nothing:"
                                    + " asking again is safe; a stream the service started for an unanswered request"
                                    + " ends on its own)", null);
            case Exchange.NoResponders n -> new ServiceCallException(Kind.NO_RESPONDERS, subject, commandId, 0, null,
                    unanswered, "no service answers on " + subject + " (no responders): is it running, and is the "
                    + "subject right?" + open(command && unanswered, commandId, "an earlier send got no answer"),
                    null);
            case Exchange.Denied denied -> denied(denied, subject, commandId, unanswered);
            case Exchange.Lost lost -> new ServiceCallException(Kind.CONNECTION, subject, commandId, 0, null,
                    command && (unanswered || lost.sent()), "the connection to NATS "
                    + (lost.sent() ? "failed while waiting for " : "is closed: nothing was sent to ") + subject + " ("
                    + lost.cause().getMessage() + ")" + open(command && (unanswered || lost.sent()), commandId,
                    "it was sent"), lost.cause());
            case Exchange.Interrupted i -> new ServiceCallException(Kind.INTERRUPTED, subject, commandId, 0, null,
                    command, "interrupted while waiting for " + subject + open(command, commandId, "it was sent"),
                    null);
            case Exchange.Answered a -> throw new IllegalStateException("an answer is not a fault");
        };
    }

    /**
     * A call cut short by {@link ServiceClient#close()} of its own client (which closed the
     * connection it made): not a failure of NATS.
     */
    static ServiceCallException closedClient(Exchange.Lost lost, String subject, String commandId, boolean unanswered) {
        boolean mayBeStored = commandId != null && (unanswered || lost.sent());
        String when = lost.sent() ? "while waiting for an answer from " + subject
                : unanswered ? "before the command was sent to " + subject + " again"
                : "before anything was sent to " + subject;
        return new ServiceCallException(Kind.CONNECTION, subject, commandId, 0, null, mayBeStored,
                "this client was closed " + when + open(mayBeStored, commandId, lost.sent() ? "the request went out"
                : "an earlier send got no answer") + (mayBeStored ? " (from a client that is open)" : ""), lost.cause());
    }

    /** A failure to connect at all. */
    static ServiceCallException connection(String message, Exception cause) {
        return new ServiceCallException(Kind.CONNECTION, null, null, 0, null, false, message, cause);
    }

    private static ServiceCallException denied(Exchange.Denied denied, String subject, String commandId,
                                               boolean unanswered) {
        PermissionViolation violation = denied.violation();
        boolean mayBeStored = commandId != null && (unanswered || denied.sent());
        if (violation.publish()) {
            return new ServiceCallException(Kind.PUBLISH_DENIED, subject, commandId, 0, violation.subject(),
                    mayBeStored, "the NATS server does not let this user publish to " + violation.subject()
                    + " (permissions violation): no service got the request; connect as a user that may, or ask for"
                    + " the permission" + open(mayBeStored, commandId, "an earlier send got no answer"), null);
        }
        return new ServiceCallException(Kind.SUBSCRIBE_DENIED, subject, commandId, 0, violation.subject(),
                mayBeStored, "the NATS server does not let this user subscribe to " + violation.subject()
                + " (permissions violation), where the answer to " + subject + " would arrive; connect as a user that"
                + " may, or ask for the permission" + open(mayBeStored, commandId, "the request went out"), null);
    }

    /** The sentence that tells the caller of a command whose outcome is open what to do. */
    private static String open(boolean mayBeStored, String commandId, String why) {
        return mayBeStored ? "; " + why + ", so the command may or may not be stored: send it again with command id "
                + commandId + " and it counts once" : "";
    }

    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}

package io.rita.client;

import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsRequestCompletableFuture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request and what became of it, without judging it: the caller knows whether a lost answer
 * leaves a command's outcome open.
 */
final class Exchange {

    /** What became of one send. */
    sealed interface Attempt {
    }

    /** The service answered (success or failure: see its headers). */
    record Answered(Message reply) implements Attempt {
    }

    /** No answer within the timeout: the request may have reached a service. */
    record TimedOut() implements Attempt {
    }

    /** Nobody subscribes to the subject: the request reached no service. */
    record NoResponders() implements Attempt {
    }

    /**
     * The server refused a publish or subscription this request needed.
     *
     * @param sent whether the request itself may have reached a service (only its reply inbox or
     *             a stream's subscription was refused)
     */
    record Denied(PermissionViolation violation, boolean sent) implements Attempt {
    }

    /**
     * The connection is closed, or failed the request.
     *
     * @param sent whether the request may have been sent before
     */
    record Lost(Exception cause, boolean sent) implements Attempt {
    }

    /** The waiting thread was interrupted (its flag is set again). */
    record Interrupted() implements Attempt {
    }

    private Exchange() {
    }

    /**
     * Sends one request and waits up to {@code timeout} for its answer, for a refusal of the
     * request, of the reply inbox or of what {@code also} watches, whichever comes first.
     *
     * @param also a watch the caller started for something this request depends on (a live
     *             stream's subscription), or {@code null}
     */
    static Attempt send(Connection connection, String subject, Headers headers, byte[] body, Duration timeout,
                        PermissionWatch.Watch also) {
        try (PermissionWatch.Watch watch = PermissionWatch.watch(connection, subject, inbox(connection))) {
            if (watch.violation().isDone()) {
                // the reply inbox was refused before: a request now would be served and its answer lost
                return new Denied(watch.violation().join(), false);
            }
            CompletableFuture<Message> reply;
            try {
                reply = connection.requestWithTimeout(subject, headers, body, timeout);
            } catch (IllegalStateException closed) {
                return new Lost(closed, false);
            }
            List<PermissionWatch.Watch> watches = also == null ? List.of(watch) : List.of(watch, also);
            List<CompletableFuture<?>> waits = new ArrayList<>(List.of(reply));
            watches.forEach(w -> waits.add(w.violation()));
            try {
                CompletableFuture.anyOf(waits.toArray(CompletableFuture[]::new))
                        .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException e) {
                // judged below, from the futures themselves
            } catch (InterruptedException e) {
                reply.cancel(false);
                Thread.currentThread().interrupt();
                return new Interrupted();
            }
            return judge(connection, reply, watches);
        }
    }

    private static Attempt judge(Connection connection, CompletableFuture<Message> reply,
                                 List<PermissionWatch.Watch> watches) {
        if (reply.isDone() && !reply.isCompletedExceptionally()) {
            return new Answered(reply.join());
        }
        for (PermissionWatch.Watch w : watches) {
            if (w.violation().isDone()) {
                reply.cancel(false);
                PermissionViolation violation = w.violation().join();
                return new Denied(violation, !violation.publish());
            }
        }
        if (!reply.isDone()) {
            reply.cancel(false); // jnats would keep it until its cleanup timer runs
            return new TimedOut();
        }
        Throwable failure;
        try {
            reply.join();
            throw new IllegalStateException("a failed future completed normally");
        } catch (CancellationException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = e.getCause() != null ? e.getCause() : e;
        }
        if (failure instanceof JetStreamStatusException status && status.getStatus() != null
                && status.getStatus().getCode() == 503) {
            return new NoResponders(); // a connection with reportNoResponders()
        }
        if (failure instanceof CancellationException) {
            // jnats cancels for three reasons: the connection closes, its own timeout passed
            // (never before ours: it adds a margin), or the server said "no responders"
            if (reply instanceof NatsRequestCompletableFuture nats) {
                if (nats.wasCancelledClosing()) {
                    return new Lost((CancellationException) failure, true);
                }
                if (nats.wasCancelledTimedOut()) {
                    return new TimedOut();
                }
                return new NoResponders();
            }
            return connection.getStatus() == Connection.Status.CLOSED
                    ? new Lost((CancellationException) failure, true) : new NoResponders();
        }
        if (failure instanceof TimeoutException) {
            return new TimedOut(); // a connection with useTimeoutException()
        }
        return new Lost(failure instanceof Exception e ? e : new RuntimeException(failure), true);
    }

    /** The reply inbox subjects, e.g. {@code _INBOX.>}. */
    static String inbox(Connection connection) {
        String prefix = connection.getOptions().getInboxPrefix();
        return (prefix.endsWith(".") ? prefix : prefix + ".") + ">";
    }
}

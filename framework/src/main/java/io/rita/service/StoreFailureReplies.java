package io.rita.service;

import io.nats.client.NUID;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.StoreUnavailableException;
import io.rita.internal.StoreSetupException;
import io.rita.service.Reply.Failure;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replies to requests the event store failed, each telling the client what to do, and the
 * log lines an operator needs without one per request: an unreadable event once per aggregate, a
 * store that does not answer for now (a cluster electing a new stream leader fails every request
 * for a few seconds) or is not set up (every request fails until someone fixes it) once every
 * {@link #LOG_EVERY}, other failures with a reference that the reply quotes.
 */
final class StoreFailureReplies {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    static final Duration LOG_EVERY = Duration.ofSeconds(5);

    /** Subjects whose unreadable events were logged already. */
    private final Set<String> reportedUnreadable = ConcurrentHashMap.newKeySet();
    private final LogEvery unavailableLog = new LogEvery(LOG_EVERY);
    private final LogEvery setupLog = new LogEvery(LOG_EVERY);

    /**
     * An event the service cannot read (its type is not registered, or its data does not fit the
     * type), or a message that is no Rita event: the aggregate cannot be loaded until the code
     * knows the event or the message is gone, so the reply says so (and
     * {@value ServiceHeaders#UNREADABLE}: nothing was stored) instead of suggesting a retry.
     */
    Reply unreadable(Request request, EventDecodingException e) {
        String reference = NUID.nextGlobal();
        String subject = e.subject() != null ? e.subject() : request.subject();
        if (reportedUnreadable.size() > 10_000) {
            reportedUnreadable.clear();
        }
        if (reportedUnreadable.add(subject)) {
            LOG.log(System.Logger.Level.ERROR, "cannot read " + subject + " (reference " + reference + "); further"
                    + " requests on it fail the same way without another log line", e);
        }
        String remedy = e.type() == null ? "only Rita events may be stored on an aggregate's subject: the"
                + " store's operator needs to remove this message from the stream" : "the service needs to know this event";
        return new Failure(Failure.INTERNAL, e.getMessage() + "; nothing was stored, and retrying will not help: "
                + remedy + " (reference " + reference + ")", Map.of(ServiceHeaders.ERROR_KIND, ServiceHeaders.UNREADABLE));
    }

    /** A 503 that says to send the command again with the same id, or the query again. */
    Reply unavailable(Route route, Request request, StoreUnavailableException e) {
        int held = unavailableLog.pass();
        if (held != LogEvery.HOLD) {
            LOG.log(System.Logger.Level.WARNING, "event store unavailable on " + request.subject() + ": "
                    + e.getMessage() + LogEvery.heldBack(held) + "; answering 503");
        }
        return new Failure(Failure.UNAVAILABLE, "the event store is unavailable for now (" + e.getMessage() + ")"
                + (route instanceof CommandRoute<?, ?, ?> ? ": the command may or may not be stored; send it again"
                + " with the same " + ServiceHeaders.COMMAND_ID + " and it counts once" : ": try again in a moment"));
    }

    /**
     * Any other store failure: a 500 with a reference to the log line that has the details. A
     * store that is not set up for the request stored nothing, and says so: sending again cannot
     * help until the setup changes, which is the operator's to do, not the client's.
     */
    Reply failed(Route route, Request request, EventStoreException e) {
        if (e instanceof StoreSetupException) {
            int held = setupLog.pass();
            if (held != LogEvery.HOLD) {
                LOG.log(System.Logger.Level.ERROR, "the event store is not set up for " + request.subject() + ": "
                        + e.getMessage() + LogEvery.heldBack(held) + "; answering 500 until it is");
            }
            return new Failure(Failure.INTERNAL, "the service's event store is not set up for this: "
                    + (route instanceof CommandRoute<?, ?, ?> ? "nothing was stored, and sending it again"
                    : "asking again") + " will not help until the service's operator fixes the store; the"
                    + " service's log says what to change", Map.of(ServiceHeaders.ERROR_KIND, ServiceHeaders.STORE_SETUP));
        }
        String reference = NUID.nextGlobal();
        LOG.log(System.Logger.Level.WARNING, "event store failed on " + request.subject() + " (reference "
                + reference + ")", e);
        return new Failure(Failure.INTERNAL, "event store error (reference " + reference + ")"
                + (route instanceof CommandRoute<?, ?, ?> ? ": the command may or may not be stored; send it again"
                + " with the same " + ServiceHeaders.COMMAND_ID + " and it counts once"
                : ": try again once the store is reachable"));
    }
}

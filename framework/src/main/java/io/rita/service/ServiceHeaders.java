package io.rita.service;

import io.rita.aggregate.CommandOptions;

/**
 * The request and reply headers the dispatcher reads and writes.
 *
 * <table>
 *   <caption>Headers</caption>
 *   <tr><th>header</th><th>on</th><th>meaning</th></tr>
 *   <tr><td>{@value #COMMAND_ID}</td><td>request</td><td>the command's id; events get ids
 *       {@code <command id>-<index>} and a re-sent command is stored once. Generated when absent.</td></tr>
 *   <tr><td>{@value #CORRELATION_ID}</td><td>request</td><td>stored as the events' {@code correlation-id};
 *       the command id when absent</td></tr>
 *   <tr><td>{@value #EXPECTED_SEQUENCE}</td><td>request</td><td>the aggregate sequence the client last saw;
 *       the command is decided only if the aggregate is still there, else 409 without a retry</td></tr>
 *   <tr><td>{@value #MIN_SEQUENCE}</td><td>query request</td><td>the {@value #SEQUENCE} of the client's
 *       last write (read-your-writes): the query answers from a state that includes every event stored
 *       up to that sequence, waiting briefly for a copy of the store that is behind; 503 when it does not
 *       catch up in time (try again), never an older state</td></tr>
 *   <tr><td>{@value #SEQUENCE}</td><td>reply</td><td>the aggregate's sequence after the command
 *       (on success and on 409); on a query, the last sequence the state includes</td></tr>
 *   <tr><td>{@value #SERVICE_ERROR}</td><td>reply</td><td>the error text (NATS service API)</td></tr>
 *   <tr><td>{@value #SERVICE_ERROR_CODE}</td><td>reply</td><td>400, 404, 409, 413, 500, 501, 503
 *       (NATS service API)</td></tr>
 *   <tr><td>{@value #TRACEPARENT}</td><td>request</td><td>a W3C trace context; stored as the events'
 *       {@code traceparent} metadata</td></tr>
 *   <tr><td>{@value #ERROR_KIND}</td><td>reply</td><td>on a 400: {@value #REJECTION} (the domain refused
 *       the command or query) or {@value #BAD_REQUEST} (the request could not be read as sent); on a
 *       500: {@value #STORE_SETUP} (the service's store is not set up for it: nothing was stored, and
 *       sending again will not help until its operator changes the setup)</td></tr>
 * </table>
 *
 * <p>Request headers are matched without regard to case. Ids are 1 to {@value CommandOptions#MAX_ID_LENGTH}
 * visible ASCII characters.
 */
public final class ServiceHeaders {

    /** The command id of a request. */
    public static final String COMMAND_ID = "Rita-Command-Id";
    /** The correlation id of a request. */
    public static final String CORRELATION_ID = "Rita-Correlation-Id";
    /** The aggregate sequence a client expects. */
    public static final String EXPECTED_SEQUENCE = "Rita-Expected-Sequence";
    /**
     * On a query: the sequence of the client's last write (the {@value #SEQUENCE} of its reply); the
     * query never answers from a state before it. See {@link io.rita.aggregate.AggregateEngine#read(String, long)}.
     */
    public static final String MIN_SEQUENCE = "Rita-Min-Sequence";
    /** The aggregate sequence after the command, in replies. */
    public static final String SEQUENCE = "Rita-Sequence";
    /** The NATS service API's error text header. */
    public static final String SERVICE_ERROR = "Nats-Service-Error";
    /** The NATS service API's error code header. */
    public static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";
    /**
     * Which kind of failure a reply is, for clients that handle a refusal differently from a
     * request they got wrong ({@value #REJECTION} or {@value #BAD_REQUEST}, on a 400), or that need
     * to know that a 500 stored nothing ({@value #STORE_SETUP}, {@value #UNREADABLE}).
     */
    public static final String ERROR_KIND = "Rita-Error-Kind";
    /** {@value #ERROR_KIND} of a domain's refusal: a {@link io.rita.decider.Rejection}, or an ended aggregate. */
    public static final String REJECTION = "rejection";
    /** {@value #ERROR_KIND} of a request that cannot be read as sent: body, subject token, header. */
    public static final String BAD_REQUEST = "bad-request";
    /**
     * {@value #ERROR_KIND} of a 500 from a store that is not set up for the request: a server or an
     * account without JetStream, a store that does not exist or does not take the subject. Nothing
     * was stored.
     */
    public static final String STORE_SETUP = "store-setup";
    /**
     * {@value #ERROR_KIND} of a 500 for an aggregate whose stored events the service cannot read:
     * an event of a type it does not know, data that does not fit its type, or a message that is
     * not a Rita event at all. Nothing was stored, and sending again does not help until the
     * service's code (or the stream) changes.
     */
    public static final String UNREADABLE = "unreadable";
    /**
     * A W3C trace context on a command request; stored with the command's events as the
     * {@value #TRACEPARENT_META} metadata, so that the trace continues through the store.
     */
    public static final String TRACEPARENT = "traceparent";

    /**
     * The event metadata key holding the W3C trace context of the command that caused the event;
     * the command id and correlation id are under {@link CommandOptions#CAUSATION_ID} and
     * {@link CommandOptions#CORRELATION_ID} (not this class's header names of the same ideas).
     */
    public static final String TRACEPARENT_META = "traceparent";

    private ServiceHeaders() {
    }
}

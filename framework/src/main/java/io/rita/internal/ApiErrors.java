package io.rita.internal;

/**
 * The JetStream API error codes Rita acts on ({@code JetStreamApiException.getApiErrorCode()}),
 * named once. Not API.
 */
public final class ApiErrors {

    /** A stream with this name exists already, with other settings. */
    public static final int STREAM_NAME_IN_USE = 10058;
    /** No stream of this name: never created, or deleted. */
    public static final int STREAM_NOT_FOUND = 10059;
    /** No consumer of this name (removed, or deleted by the server after its inactive threshold). */
    public static final int CONSUMER_NOT_FOUND = 10014;
    /** A message get found no message at that sequence or on that subject. */
    public static final int NO_MESSAGE_FOUND = 10037;
    /** The connection's account has no JetStream. */
    public static final int ACCOUNT_WITHOUT_JETSTREAM = 10039;
    /** The message is larger than the stream's maximum message size. */
    public static final int MESSAGE_TOO_LARGE = 10054;
    /** The expected last stream sequence did not match ({@code Nats-Expected-Last-Sequence}). */
    public static final int SEQUENCE_NOT_MATCHED = 10063;
    /** The expected last (subject) sequence did not match: another writer came first. */
    public static final int WRONG_LAST_SEQUENCE = 10071;
    /** A consumer's filter subject is not among the stream's subjects. */
    public static final int FILTER_NOT_IN_STREAM = 10093;
    /** "replicas > 1 not supported in non-clustered mode". */
    public static final int REPLICAS_NOT_SUPPORTED = 10074;
    /** "JetStream system temporarily unavailable": e.g. a stream without a leader for now (a 503 that passes). */
    public static final int CLUSTER_NOT_AVAILABLE = 10008;
    /**
     * The stream did not store the message: one of its limits with discard new (maximum messages,
     * bytes, messages per subject) left no room, which stays so, or its storage failed ("store is
     * closed" while a leader steps down, a write error), which may pass; the description tells them
     * apart.
     */
    public static final int STORE_FAILED = 10077;

    private ApiErrors() {
    }
}

package io.rita.internal;

/** Header names of the wire format ({@code docs/wire-format.md}). Not API. */
public final class WireHeaders {

    public static final String TYPE = "rita-type";
    public static final String TIME = "rita-time";
    public static final String CODEC = "rita-codec";
    /** The version of the event type's shape; absent means 1 (every event of Go Rita v1). */
    public static final String VERSION = "rita-version";
    public static final String META_PREFIX = "rita-meta-";
    /** Present on a message that carries several events of one append; its value is their count. */
    public static final String BATCH = "rita-batch";

    public static final String MSG_ID = "Nats-Msg-Id";
    public static final String EXPECTED_STREAM = "Nats-Expected-Stream";
    public static final String EXPECTED_LAST_SUBJECT_SEQUENCE = "Nats-Expected-Last-Subject-Sequence";

    private WireHeaders() {
    }
}

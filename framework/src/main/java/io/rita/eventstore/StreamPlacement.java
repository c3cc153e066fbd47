package io.rita.eventstore;

import io.rita.internal.ServerVersion;
import io.rita.internal.StoreSetupException;

/**
 * Where a store's stream runs, as far as the append mode cares: the version of the server the
 * store talks to, and how many replicas the stream has.
 *
 * @param serverVersion the version as the server reported it (kept as text: it may be unreadable)
 * @param replicas      the stream's replicas, 1 for a stream on one server
 */
record StreamPlacement(String serverVersion, int replicas) {

    /**
     * The first version that checks {@code Nats-Expected-Last-Subject-Sequence} in the replicated
     * log's order on clustered streams (nats-server#4320); before it, the leader checks against
     * what it has applied, and two writers with the same expectation can both win.
     */
    static final ServerVersion SERIALISES_SUBJECT_EXPECTATIONS = ServerVersion.parse("2.9.21");

    /** Whether the server makes a per-subject expectation exact here. An unreadable version is assumed not to. */
    boolean serialisesSubjectExpectations() {
        if (replicas <= 1) {
            return true;
        }
        try {
            return ServerVersion.parse(serverVersion).isAtLeast(SERIALISES_SUBJECT_EXPECTATIONS);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /**
     * The mode to append in when {@code requested} was asked for: {@link AppendMode#AUTO} becomes
     * per-subject where that is exact and stream-sequence elsewhere.
     *
     * @throws EventStoreException when {@link AppendMode#PER_SUBJECT} was asked for where it is not exact
     */
    AppendMode choose(AppendMode requested, String store) {
        return switch (requested) {
            case AUTO -> serialisesSubjectExpectations() ? AppendMode.PER_SUBJECT : AppendMode.STREAM_SEQUENCE;
            case STREAM_SEQUENCE -> AppendMode.STREAM_SEQUENCE;
            case PER_SUBJECT -> {
                if (!serialisesSubjectExpectations()) {
                    throw new StoreSetupException(null, "store '" + store + "' refuses AppendMode.PER_SUBJECT: its "
                            + "stream has " + replicas + " replicas, and " + describeServer() + " On such a stream two "
                            + "writers with the same expectation could both append. Use AppendMode.AUTO or "
                            + "STREAM_SEQUENCE, which are exact on any version, or upgrade every server of the "
                            + "cluster to " + SERIALISES_SUBJECT_EXPECTATIONS + " or newer", null);
                }
                yield AppendMode.PER_SUBJECT;
            }
        };
    }

    private String describeServer() {
        String since = "per-subject expectations are checked in order on replicated streams only from nats-server "
                + SERIALISES_SUBJECT_EXPECTATIONS + " (nats-server#4320).";
        try {
            return "the server runs nats-server " + ServerVersion.parse(serverVersion) + ": " + since;
        } catch (IllegalArgumentException unreadable) {
            return "the server's version '" + serverVersion + "' cannot be read: " + since;
        }
    }
}

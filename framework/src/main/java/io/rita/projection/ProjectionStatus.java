package io.rita.projection;

import java.time.Instant;

/**
 * How a projection is doing: what this process does with it, how many events it is behind, and
 * when an event was last applied (by whichever process holds it).
 *
 * <pre>{@code
 * ProjectionStatus status = projector.status();
 * status.behind();        // 0: every event of the filter is applied
 * status.lastApplied();   // 2026-12-07T10:15:30Z
 * status.healthy();       // false once it stopped on an event it cannot apply
 * }</pre>
 *
 * @param projection   the projection's name
 * @param version      its version
 * @param state        what this process does with it ({@link Views#status()}: what the bucket says)
 * @param behind       events of the filter not yet applied (JetStream's pending and unacknowledged
 *                     counts of the durable consumer); -1 when unknown (no consumer yet, store unreachable)
 * @param lastApplied  when an event was last applied, or {@code null} when none has been; from another
 *                     process, as of its last lease renewal (a third of the lease time at most)
 * @param lastSequence the stream sequence of the last applied event, 0 when none
 * @param ready        whether this version has caught up with the stream once, so readers use it
 * @param holder       where the process applying it runs (host and pid), or {@code null} when none does
 * @param failure      why it stopped, when {@code state} is {@link State#FAILED}; while it is
 *                     {@link State#STARTING} and trying again, what holds it up (a server without
 *                     JetStream, NATS out of reach), as its log says; while it is
 *                     {@link State#STANDBY} and the bucket did not answer, that (the rest is then
 *                     unknown: {@code behind} -1, nothing applied, not ready); else {@code null}
 */
public record ProjectionStatus(String projection, int version, State state, long behind, Instant lastApplied,
                               long lastSequence, boolean ready, String holder, String failure) {

    /** What a projector does. */
    public enum State {
        /** Starting: creating the bucket, reading the lease. */
        STARTING,
        /** Another process applies the projection; this one takes over if that one stops renewing its lease. */
        STANDBY,
        /** Applying events, not yet level with the stream. */
        CATCHING_UP,
        /** Level with the stream: new events are applied as they arrive. */
        LIVE,
        /** Stopped on an event it cannot apply ({@link #failure()}); applies nothing until restarted. */
        FAILED,
        /** Closed. */
        STOPPED
    }

    /** Whether the projection is not stopped on a failure. */
    public boolean healthy() {
        return state != State.FAILED;
    }
}

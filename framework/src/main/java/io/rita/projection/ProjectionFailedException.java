package io.rita.projection;

/**
 * A projector stopped on an event it could not apply: its function threw on every attempt, the
 * event's type is not registered, its data does not decode, it is not an instance of the
 * projection's event type, or the view it would update cannot be read. Every event before it is
 * applied and acknowledged; it and every later event are not, and stay in the stream, so a
 * projector that can apply it (fixed code, a repaired view) carries on from exactly there.
 * Not API: the projector keeps it to itself and users see its message, in
 * {@link ProjectionStatus#failure()} and in the failure marker of the projection's bucket.
 *
 * <pre>{@code
 * ProjectionStatus status = projector.status();
 * if (status.state() == ProjectionStatus.State.FAILED) {
 *     alert(status.failure());   // "projection accounts v1 stopped at kmm.events.accounts.susie sequence 42 ..."
 * }
 * }</pre>
 */
final class ProjectionFailedException extends ProjectionException {

    private final String subject;
    private final long sequence;
    private final int attempts;

    /**
     * The projection stopped at {@code subject}, stream sequence {@code sequence}, after {@code attempts}
     * attempts (1 when trying again could not help).
     */
    ProjectionFailedException(String projection, int version, String subject, long sequence, int attempts,
                                     String reason, Throwable cause) {
        super(projection, version, "projection " + projection + " v" + version + " stopped at " + subject
                + " sequence " + sequence + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": " + reason,
                cause);
        this.subject = subject;
        this.sequence = sequence;
        this.attempts = attempts;
    }

    /** The subject of the event it stopped at. */
    String subject() {
        return subject;
    }

    /** The stream sequence of the event it stopped at. */
    long sequence() {
        return sequence;
    }

    /** How many times the event was tried. */
    int attempts() {
        return attempts;
    }
}

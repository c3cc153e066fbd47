package io.rita.projection;

/**
 * No version of a projection can be read yet: its bucket is being built from the start of the
 * stream (first start, a new version without an older one ready, or a bucket that was removed
 * and is being rebuilt). Trying again later helps; the message says how far behind it is when
 * that is known.
 *
 * <pre>{@code
 * try {
 *     return views.entries();
 * } catch (ProjectionUnavailableException e) {
 *     return reply503(e.getMessage());   // "projection accounts v1 is not ready yet: 1200 events to go; ..."
 * }
 * }</pre>
 */
public final class ProjectionUnavailableException extends ProjectionException {

    /** An unavailable projection, with a message that says why. */
    public ProjectionUnavailableException(String projection, int version, String message, Throwable cause) {
        super(projection, version, message, cause);
    }
}

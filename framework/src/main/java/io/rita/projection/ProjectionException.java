package io.rita.projection;

/**
 * A projection cannot do what was asked: a view in its bucket cannot be read, its consumer or
 * bucket does not fit the projection, or its store cannot be reached. The message says which
 * projection and version, and what to do.
 *
 * <pre>{@code
 * try {
 *     views.get("susie");
 * } catch (ProjectionUnavailableException e) {
 *     // not built yet: answer "try again shortly"
 * } catch (ProjectionException e) {
 *     log(e.projection() + " v" + e.version() + ": " + e.getMessage());
 * }
 * }</pre>
 *
 * @see ProjectionUnavailableException no version of the projection is ready to read
 */
public class ProjectionException extends RuntimeException {

    private final String projection;
    private final int version;

    /** An exception about {@code projection} at {@code version}, with a message and a cause (or {@code null}). */
    public ProjectionException(String projection, int version, String message, Throwable cause) {
        super(message, cause);
        this.projection = projection;
        this.version = version;
    }

    /** The projection's name. */
    public String projection() {
        return projection;
    }

    /** The projection's version. */
    public int version() {
        return version;
    }
}

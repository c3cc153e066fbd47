package io.rita.nats;

/**
 * A {@code nats-server} child process could not be started or did not become ready. The
 * server's own output, which usually says why (a port in use, a bad store directory), is in the
 * message and in {@link #output()}.
 */
public class NatsServerException extends RuntimeException {

    private final String output;

    /** A failure described by {@code message}, with the server's {@code output} and the cause. */
    public NatsServerException(String message, String output, Throwable cause) {
        super(output.isBlank() ? message : message + "\n--- nats-server output ---\n" + output, cause);
        this.output = output;
    }

    /** A failure described by {@code message}, with the server's {@code output}. */
    public NatsServerException(String message, String output) {
        this(message, output, null);
    }

    /** The last lines the server wrote before the failure (may be empty). */
    public String output() {
        return output;
    }
}

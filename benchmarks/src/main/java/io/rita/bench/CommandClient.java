package io.rita.bench;

import io.nats.client.Connection;
import io.nats.client.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One benchmark client: its own connection, sending commands ({@code add} of the counter, or any
 * body) and waiting for each reply, so that several clients are several closed loops.
 *
 * <pre>{@code
 * try (CommandClient client = new CommandClient(testbed.connect())) {
 *     client.add("svc.bench.a1.add");
 *     client.send("kmm.services.susie.deposit-funds", "{\"Amount\":\"1\"}".getBytes(UTF_8));
 * }
 * }</pre>
 *
 * @throws IllegalStateException from {@link #add} and {@link #send} when no reply comes or the
 *                               reply is an error
 */
public final class CommandClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The body of {@link #add}: {@code {"amount":1}}. */
    static final byte[] ADD_ONE = "{\"amount\":1}".getBytes(StandardCharsets.UTF_8);

    private final Connection connection;

    /** A client on {@code connection}, which it closes on {@link #close()}. */
    public CommandClient(Connection connection) {
        this.connection = connection;
    }

    /** Sends "add 1" to {@code subject} and returns the reply, which must be a success. */
    public Message add(String subject) {
        return send(subject, ADD_ONE);
    }

    /** Sends {@code body} to {@code subject} and returns the reply, which must be a success. */
    public Message send(String subject, byte[] body) {
        Message reply;
        try {
            reply = connection.request(subject, body, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + subject, e);
        }
        if (reply == null) {
            throw new IllegalStateException("no reply from " + subject + " within " + TIMEOUT);
        }
        if (reply.getHeaders() != null && reply.getHeaders().getFirst("Nats-Service-Error") != null) {
            throw new IllegalStateException(subject + " failed: " + reply.getHeaders().getFirst("Nats-Service-Error-Code")
                    + " " + reply.getHeaders().getFirst("Nats-Service-Error"));
        }
        return reply;
    }

    /** Closes the connection. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

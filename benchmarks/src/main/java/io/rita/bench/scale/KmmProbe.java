package io.rita.bench.scale;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.impl.Headers;
import io.rita.kmm.service.KmmSubjects;
import io.rita.service.ServiceHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A KMM client as the benchmark's: a deposit of 1 on an account through the service on NATS, as
 * {@code kmm deposit} sends it, timed from the request to the reply.
 *
 * <pre>{@code
 * long nanos = new KmmProbe(connection).deposit("a0000042");
 * }</pre>
 */
final class KmmProbe {

    private static final byte[] BODY = "{\"Amount\":\"1\",\"Description\":\"probe\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Connection connection;

    KmmProbe(Connection connection) {
        this.connection = connection;
    }

    /**
     * Deposits 1 on {@code account}; returns how long it took, in nanoseconds.
     *
     * @throws IllegalStateException when the service answers an error or nothing within a minute
     */
    long deposit(String account) {
        Headers headers = new Headers().put(ServiceHeaders.COMMAND_ID, "probe-" + NUID.nextGlobal());
        long started = System.nanoTime();
        CompletableFuture<Message> reply = connection.requestWithTimeout(
                KmmSubjects.service(account, "deposit-funds"), headers, BODY, TIMEOUT);
        Message message;
        try {
            message = reply.get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no reply to a deposit on " + account + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long took = System.nanoTime() - started;
        String error = message.getHeaders() == null ? null : message.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR);
        if (error != null || message.isStatusMessage()) {
            throw new IllegalStateException("a deposit on " + account + " failed: "
                    + (error != null ? error : message.getStatus()));
        }
        return took;
    }
}

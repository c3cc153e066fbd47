package io.rita.bench.scale;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.impl.Headers;
import io.rita.kmm.service.KmmSubjects;
import io.rita.service.ServiceHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
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
    /** How many answers were 503 (store unavailable for now) and sent again. */
    long unavailable;

    KmmProbe(Connection connection) {
        this.connection = connection;
    }

    /**
     * Deposits 1 on {@code account}; returns how long it took, in nanoseconds, from the first send to
     * the answer. While nothing answers (no service subscribed yet, as right after a restart), it
     * is sent again with the same command id, as a careful client does; so is one the service answers
     * with 503 (its store did not answer in time), as {@code KmmClient} does.
     *
     * @throws IllegalStateException when the service answers an error, or nothing within a minute
     */
    long deposit(String account) {
        Headers headers = new Headers().put(ServiceHeaders.COMMAND_ID, "probe-" + NUID.nextGlobal());
        String subject = KmmSubjects.service(account, "deposit-funds");
        long started = System.nanoTime();
        while (true) {
            Message message;
            try {
                message = connection.requestWithTimeout(subject, headers, BODY, TIMEOUT)
                        .get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | CancellationException e) {
                // no responders: the service is not (yet) subscribed
                if (System.nanoTime() - started > TIMEOUT.toNanos()) {
                    throw new IllegalStateException("no service answered a deposit on " + account + " for a minute", e);
                }
                pause();
                continue;
            } catch (TimeoutException e) {
                throw new IllegalStateException("no reply to a deposit on " + account + " within a minute", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            long took = System.nanoTime() - started;
            String error = message.getHeaders() == null ? null
                    : message.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR);
            if ("503".equals(message.getHeaders() == null ? null
                    : message.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE))
                    && took < TIMEOUT.toNanos()) {
                // the store did not answer in time (a first load after a restart of nats-server):
                // KmmClient sends it again with the same command id, which counts once
                unavailable++;
                continue;
            }
            if (error != null || message.isStatusMessage()) {
                throw new IllegalStateException("a deposit on " + account + " failed: "
                        + (error != null ? error : message.getStatus()));
            }
            return took;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

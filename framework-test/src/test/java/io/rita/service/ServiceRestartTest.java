package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.aggregate.CommandOptions;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.StoredEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A nats-server restart in the middle of a load: clients retry, nothing acknowledged is lost or doubled. */
@Timeout(120)
class ServiceRestartTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final int CLIENTS = 4;
    private static final int COMMANDS = 60;
    /** How long a client keeps sending one command before the test fails. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void serves_again_after_a_restart_and_keeps_every_acknowledged_command_exactly_once() throws Exception {
        Connection serviceConnection = nats.connect();
        JetStreamEventStore store = ServiceRunnerTest.counterStore(serviceConnection, "restart");
        List<Route> routes = List.of(CommandRoute.of("svc.restart.*.add", Counters.Add.class,
                (req, command) -> "restart." + req.token(2), Counters.decider(Integer.MAX_VALUE)));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failedAttempts = new AtomicInteger();
        CountDownLatch aThirdDone = new CountDownLatch(CLIENTS * COMMANDS / 3);
        CountDownLatch stopped = new CountDownLatch(1);
        ServiceRunner runner = ServiceRunner.start(serviceConnection, Dispatcher.of(store, routes),
                ServiceOptions.of("restart", "1.0.0", "survives restarts"));
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        boolean down = false;
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    Connection connection = nats.connect();
                    for (int i = 0; i < COMMANDS; i++) {
                        if (i == COMMANDS * 2 / 3 && !stopped.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                            // no client runs out of commands before the server stops
                            throw new AssertionError("the server was not stopped in time");
                        }
                        String id = "client" + client + "-" + i;
                        sendUntilAcknowledged(connection, "svc.restart.c" + (i % 3) + ".add", id, failedAttempts);
                        acknowledged.add(id);
                        aThirdDone.countDown();
                    }
                    return null;
                }));
            }
            assertThat(aThirdDone.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("a third acknowledged").isTrue();
            nats.stopServer();
            down = true;
            stopped.countDown();
            // While the server is down, some client must see a request fail: on a fast machine a
            // quick restart is bridged by jnats' reconnect buffer and nobody would notice it.
            awaitAFailedAttempt(failedAttempts);
            nats.startServer();
            down = false;
            for (Future<?> client : clients) {
                client.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            stopped.countDown();
            if (down) {
                nats.startServer(); // the other tests of the run need it
            }
            pool.shutdownNow();
            runner.close();
        }

        List<StoredEvent> stored = new ArrayList<>(store.load("restart.*").events());
        assertThat(stored).extracting(event -> event.meta().get(CommandOptions.CAUSATION_ID))
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(acknowledged).hasSize(CLIENTS * COMMANDS);
    }

    /** Returns once a client has counted a failed attempt; fails the test after 15 s (a request waits 2 s). */
    private static void awaitAFailedAttempt(AtomicInteger failedAttempts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (failedAttempts.get() == 0) {
            assertThat(System.nanoTime()).as("a failed attempt while the server is down").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void sendUntilAcknowledged(Connection connection, String subject, String id,
                                              AtomicInteger failedAttempts) throws InterruptedException {
        NatsMessage request = NatsMessage.builder().subject(subject)
                .headers(new Headers().put(ServiceHeaders.COMMAND_ID, id))
                .data("{\"n\":1}".getBytes(StandardCharsets.UTF_8)).build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " was not acknowledged within " + PATIENCE.toSeconds() + " s");
            }
            try {
                Message reply = connection.request(request, Duration.ofSeconds(2));
                if (reply != null && (reply.getHeaders() == null
                        || reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE) == null)) {
                    return;
                }
            } catch (RuntimeException notConnected) {
                // the request could not even be sent; retry below
            }
            failedAttempts.incrementAndGet();
            Thread.sleep(50);
        }
    }
}

package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.aggregate.CommandOptions;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Counters.Added;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many clients, two runners with their own caches and connections, one hot aggregate. */
class ServiceConcurrencyTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final int CLIENTS = 8;
    private static final int COMMANDS = 100;
    private static final int LIMIT = 600;

    private static List<Route> routes() {
        return List.of(CommandRoute.of("svc.race.*.add", Counters.Add.class, (req, command) -> "race." + req.token(2),
                Counters.decider(LIMIT)));
    }

    @Test
    void keeps_the_invariant_and_stores_every_accepted_command_exactly_once() throws Exception {
        JetStreamEventStore store = ServiceRunnerTest.counterStore(nats.connection(), "race");
        List<Counting> counted = new ArrayList<>();
        List<ServiceRunner> runners = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Connection connection = nats.connect();
            Counting counting = new Counting(ServiceRunnerTest.counterStore(connection, "race"));
            counted.add(counting);
            runners.add(ServiceRunner.start(connection, Dispatcher.of(counting, routes()),
                    ServiceOptions.of("race", "1.0.0", "racing counters")));
        }
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    Connection connection = nats.connect();
                    for (int i = 0; i < COMMANDS; i++) {
                        String id = "client" + client + "-" + i;
                        if (sendUntilAnswered(connection, id)) {
                            accepted.add(id);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            runners.forEach(ServiceRunner::close);
        }

        List<StoredEvent> stored = store.load("race.hot").events();
        assertThat(accepted).hasSize(LIMIT);
        assertThat(stored).extracting(StoredEvent::data).containsOnly(new Added(1));
        assertThat(stored).extracting(event -> event.meta().get(CommandOptions.CAUSATION_ID))
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(counted).allSatisfy(counting -> assertThat(counting.appends).hasPositiveValue());
        assertThat(counted.get(0).conflicts.get() + counted.get(1).conflicts.get()).isPositive();
    }

    /** Sends one command until it gets a final answer: true when accepted, false when over the limit. */
    private static boolean sendUntilAnswered(Connection connection, String id) throws Exception {
        Headers headers = new Headers().put(ServiceHeaders.COMMAND_ID, id);
        NatsMessage request = NatsMessage.builder().subject("svc.race.hot.add").headers(headers)
                .data("{\"n\":1}".getBytes(StandardCharsets.UTF_8)).build();
        while (true) {
            Message reply = connection.request(request, Duration.ofSeconds(10));
            String code = reply == null || reply.getHeaders() == null ? null
                    : reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE);
            if (reply != null && code == null) {
                return true;
            }
            if ("400".equals(code)) {
                assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("counter: limit is " + LIMIT);
                return false;
            }
            // a 409 after the dispatcher's own retries, or no answer: the client retries the same command
        }
    }
}

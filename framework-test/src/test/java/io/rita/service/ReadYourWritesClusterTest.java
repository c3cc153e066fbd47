package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.test.nats.NatsClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes on a 3-node cluster with an R3 store: a client's command is served and
 * acknowledged by a runner connected to one node, its query by a runner (another process, with a
 * cache of its own) connected to another, and the stream's leader moves to another node half way.
 * With the command's {@value ServiceHeaders#SEQUENCE} as the query's
 * {@value ServiceHeaders#MIN_SEQUENCE}, every answer includes the command: never an older state
 * (a 503 would be allowed, and is sent again).
 */
@Timeout(120)
class ReadYourWritesClusterTest {

    private static final int ROUNDS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static NatsClusterExtension nats = new NatsClusterExtension();

    private static ServiceRunner commands;
    private static ServiceRunner queries;

    @BeforeAll
    static void startRunnersOnTwoNodes() {
        JetStreamEventStore created = store(nats.connection());
        created.create();
        // each runner as its own process would: its own connection, store, dispatcher and cache
        commands = ServiceRunner.start(nats.connect(0), Dispatcher.of(store(nats.connect(0)), List.of(Counters.ADD)),
                ServiceOptions.of("counter-commands", "1.0.0", "adds"));
        queries = ServiceRunner.start(nats.connect(1), Dispatcher.of(store(nats.connect(1)), List.of(Counters.VALUE)),
                ServiceOptions.of("counter-queries", "1.0.0", "reads"));
    }

    @AfterAll
    static void stopRunners() {
        if (commands != null) {
            commands.close();
        }
        if (queries != null) {
            queries.close();
        }
    }

    @Test
    void a_query_with_the_sequence_of_the_clients_write_never_answers_from_before_it() throws Exception {
        Connection client = nats.connect(2);
        awaitService(client, "counter-commands");
        awaitService(client, "counter-queries");
        int leader = nats.streams().leader("counters");
        for (int round = 1; round <= ROUNDS; round++) {
            if (round == ROUNDS / 2) {
                nats.streams().makeLeader("counters", (leader + 1) % 3);
            }
            Message added = client.request("counters.ryw.add", json("{\"n\":1}"), TIMEOUT);
            assertThat(added.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR)).as("round %d's add", round).isNull();
            String written = added.getHeaders().getFirst(ServiceHeaders.SEQUENCE);

            Message value = query(client, written);

            assertThat(new String(value.getData(), StandardCharsets.UTF_8)).as("round %d", round)
                    .isEqualTo("{\"value\":" + round + "}");
            assertThat(Long.parseLong(value.getHeaders().getFirst(ServiceHeaders.SEQUENCE)))
                    .isGreaterThanOrEqualTo(Long.parseLong(written));
        }
    }

    /** Waits until a runner's endpoints are known on the client's node: interest crosses the cluster in a moment. */
    private static void awaitService(Connection client, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                Message pong = client.request("$SRV.PING." + name, new byte[0], Duration.ofSeconds(1));
                if (pong != null && !pong.isStatusMessage()) {
                    return;
                }
            } catch (java.util.concurrent.CancellationException noResponders) {
                // not there yet
            }
            assertThat(System.nanoTime()).as("service %s seen from node 2", name).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The value, with the minimum sequence; a 503 (not caught up in time) is asked again. */
    private static Message query(Connection client, String minSequence) throws InterruptedException {
        Headers headers = new Headers().put(ServiceHeaders.MIN_SEQUENCE, minSequence);
        for (int attempt = 1; ; attempt++) {
            Message value = client.request(NatsMessage.builder().subject("counters.ryw.value").headers(headers)
                    .data(new byte[0]).build(), TIMEOUT);
            String code = value.getHeaders() == null ? null : value.getHeaders().getFirst(
                    ServiceHeaders.SERVICE_ERROR_CODE);
            if (!"503".equals(code) || attempt == 10) {
                assertThat(code).as("the query's error").isNull();
                return value;
            }
        }
    }

    private static JetStreamEventStore store(Connection connection) {
        return Rita.of(connection, RitaOptions.defaults().withTypes(Counters.TYPES))
                // aggregates are counters.<id>; requests (counters.<id>.add) must not land in the stream
                .eventStore(StoreConfig.of("counters").withSubjects("counters.*").withReplicas(3));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

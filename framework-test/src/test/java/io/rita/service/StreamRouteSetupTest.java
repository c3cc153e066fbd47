package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live stream asked of a service whose store is not set up for it (a server without
 * JetStream, a store that does not exist) is told so, as the store's other failures are: a 500
 * with {@code Rita-Error-Kind: store-setup} that says asking again will not help.
 */
@Timeout(60)
class StreamRouteSetupTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void a_stream_of_a_store_that_does_not_exist_says_asking_again_will_not_help() throws Exception {
        JetStreamEventStore absent = Rita.of(nats.connection()).eventStore("absentstream");
        try (ServiceRunner runner = start(nats.connection(), absent)) {
            assertSaysNotSetUp(nats.connection().request("svc.absentstream.a.watch",
                    "{\"id\":\"w1\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));
        }
    }

    @Test
    void a_stream_on_a_server_without_jetstream_says_asking_again_will_not_help(@TempDir Path dir) throws Exception {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir).withJetStream(false))
                .start(); Connection connection = Nats.connect(server.url())) {
            JetStreamEventStore store = Rita.of(connection).eventStore("absentstream");
            try (ServiceRunner runner = start(connection, store)) {
                assertSaysNotSetUp(connection.request("svc.absentstream.a.watch",
                        "{\"id\":\"w1\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));
            }
        }
    }

    @Test
    void a_stream_of_subjects_outside_the_store_says_asking_again_will_not_help() throws Exception {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("inside");
        store.create();
        try (ServiceRunner runner = ServiceRunner.start(nats.connection(), Dispatcher.of(store, List.of(
                StreamRoute.of("svc.inside.*.watch", req -> "outside." + req.token(2), "watch.streams"))),
                ServiceOptions.of("streams", "1.0.0", "live streams"))) {
            assertSaysNotSetUp(nats.connection().request("svc.inside.a.watch",
                    "{\"id\":\"w1\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));
        }
    }

    @Test
    void a_stream_for_an_account_without_jetstream_says_asking_again_will_not_help(@TempDir Path dir)
            throws Exception {
        String accounts = """
                accounts {
                  WITH { jetstream: enabled, users: [{user: with, password: with}] }
                  WITHOUT { users: [{user: without, password: without}] }
                }
                """;
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir).withConfig(accounts))
                .start(); Connection connection = Nats.connect(io.nats.client.Options.builder().server(server.url())
                .userInfo("without", "without").build())) {
            JetStreamEventStore store = Rita.of(connection).eventStore("absentstream");
            try (ServiceRunner runner = start(connection, store)) {
                assertSaysNotSetUp(connection.request("svc.absentstream.a.watch",
                        "{\"id\":\"w1\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));
            }
        }
    }

    private static ServiceRunner start(Connection connection, JetStreamEventStore store) {
        return ServiceRunner.start(connection, Dispatcher.of(store, List.of(StreamRoute.of("svc.absentstream.*.watch",
                req -> "absentstream." + req.token(2), "watch.streams"))),
                ServiceOptions.of("streams", "1.0.0", "live streams"));
    }

    private static void assertSaysNotSetUp(Message reply) {
        assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).isEqualTo("500");
        assertThat(reply.getHeaders().getFirst(ServiceHeaders.ERROR_KIND)).isEqualTo(ServiceHeaders.STORE_SETUP);
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8))
                .isEqualTo("the service's event store is not set up for this: asking again will not help until"
                        + " the service's operator fixes the store; the service's log says what to change");
    }
}

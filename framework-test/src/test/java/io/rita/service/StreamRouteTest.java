package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamRouteTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private JetStreamEventStore store;
    private ServiceRunner runner;

    @BeforeEach
    void start() {
        store = ServiceRunnerTest.counterStore(nats.connection(), "watched");
        List<Route> routes = List.of(
                CommandRoute.of("svc.watched.*.add", Counters.Add.class, (req, command) -> "watched." + req.token(2),
                        Counters.DECIDER),
                StreamRoute.of("svc.watched.*.watch", req -> "watched." + req.token(2), "watch.streams")
                        .withInactiveAfter(Duration.ofSeconds(1)));
        runner = ServiceRunner.start(nats.connection(), Dispatcher.of(store, routes),
                ServiceOptions.of("watched", "1.0.0", "watched counters"));
    }

    @AfterEach
    void stop() {
        runner.close();
        store.delete();
    }

    private String send(String subject, String body) throws Exception {
        Message reply = nats.connection().request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return new String(reply.getData(), StandardCharsets.UTF_8);
    }

    private static String dataOf(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void delivers_history_then_live_events_to_the_named_subject() throws Exception {
        send("svc.watched.a.add", "{\"n\":1}");
        send("svc.watched.a.add", "{\"n\":2}");
        send("svc.watched.b.add", "{\"n\":9}");
        Subscription subscription = nats.connection().subscribe("watch.streams.w1");

        String reply = send("svc.watched.a.watch", "{\"id\":\"w1\"}");
        Message first = subscription.nextMessage(Duration.ofSeconds(5));
        Message second = subscription.nextMessage(Duration.ofSeconds(5));
        send("svc.watched.a.add", "{\"n\":3}");
        Message live = subscription.nextMessage(Duration.ofSeconds(5));

        assertThat(reply).isEqualTo("{\"subject\":\"watch.streams.w1\"}");
        assertThat(List.of(first, second, live)).extracting(StreamRouteTest::dataOf)
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(live.getHeaders().getFirst("rita-type")).isEqualTo("added");
        assertThat(live.getHeaders().getFirst("rita-meta-causation-id")).isNotNull();
        subscription.unsubscribe();
    }

    @Test
    void removes_the_delivery_after_the_client_goes_away() throws Exception {
        Subscription subscription = nats.connection().subscribe("watch.streams.w2");
        send("svc.watched.a.watch", "{\"id\":\"w2\"}");
        assertThat(nats.connection().jetStreamManagement().getConsumerNames(store.name())).hasSize(1);

        subscription.unsubscribe();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!nats.connection().jetStreamManagement().getConsumerNames(store.name()).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(nats.connection().jetStreamManagement().getConsumerNames(store.name())).isEmpty();
    }

    /** A second runner on the same store whose stream route keeps at most two streams. */
    private ServiceRunner limitedToTwo() {
        List<Route> routes = List.of(StreamRoute.of("svc.limited.*.watch", req -> "watched." + req.token(2),
                "limited.streams").withInactiveAfter(Duration.ofMillis(500)).withMaxStreams(2));
        return ServiceRunner.start(nats.connection(), Dispatcher.of(store, routes),
                ServiceOptions.of("limited", "1.0.0", "two streams at most"));
    }

    private Message watch(String subject, String id) throws Exception {
        return nats.connection().request(subject, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5));
    }

    @Test
    void refuses_a_stream_over_the_routes_limit_with_503() throws Exception {
        try (Connection client = nats.connect(); ServiceRunner limited = limitedToTwo()) {
            for (String id : List.of("l1", "l2", "l3")) {
                client.subscribe("limited.streams." + id);
            }
            // the server knows the listeners before the streams start, or their consumers go inactive
            client.flush(Duration.ofSeconds(5));
            watch("svc.limited.a.watch", "l1");
            watch("svc.limited.a.watch", "l2");

            Message third = watch("svc.limited.a.watch", "l3");

            assertThat(third.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).isEqualTo("503");
            assertThat(dataOf(third)).isEqualTo("too many live streams of 'watch' (2); try again once an earlier "
                    + "client has gone");
            assertThat(nats.connection().jetStreamManagement().getConsumerNames(store.name())).hasSize(2);
        }
    }

    @Test
    void starts_a_stream_again_once_an_earlier_client_has_gone() throws Exception {
        try (Connection client = nats.connect(); ServiceRunner limited = limitedToTwo()) {
            Subscription leaving = client.subscribe("limited.streams.m1");
            client.subscribe("limited.streams.m2");
            client.subscribe("limited.streams.m3");
            client.flush(Duration.ofSeconds(5));
            watch("svc.limited.a.watch", "m1");
            watch("svc.limited.a.watch", "m2");

            leaving.unsubscribe();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (nats.connection().jetStreamManagement().getConsumerNames(store.name()).size() > 1
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Message third = watch("svc.limited.a.watch", "m3");

            assertThat(dataOf(third)).isEqualTo("{\"subject\":\"limited.streams.m3\"}");
        }
    }

    @Test
    void refuses_to_start_with_a_fallback_that_takes_in_the_deliveries() {
        Dispatcher dispatcher = Dispatcher.of(store, List.of(StreamRoute.of("svc.watched.*.watch",
                req -> "watched." + req.token(2), "watch.streams")));
        ServiceOptions catchAll = ServiceOptions.of("watched", "1.0.0", "watched counters").withFallback("watch.>");

        assertThatThrownBy(() -> ServiceRunner.start(nats.connection(), dispatcher, catchAll))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivers to watch.streams.<id>, which the fallback (watch.>) also serves");
    }

    @Test
    void refuses_an_id_that_is_not_one_token() throws Exception {
        for (String body : List.of("{\"id\":\"a.b\"}", "{\"id\":\"*\"}", "{\"id\":\">\"}", "{\"id\":\"\"}",
                "{\"id\":7}", "{}", "not json", "")) {
            Message reply = nats.connection().request("svc.watched.a.watch", body.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(5));

            assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).as(body).isEqualTo("400");
            assertThat(dataOf(reply)).startsWith("a stream request body must be {\"id\":\"<one subject token>\"}");
        }
        assertThat(nats.connection().jetStreamManagement().getConsumerNames(store.name())).isEmpty();
    }

    /** Heartbeats only for a request that asks: a plain subscriber that did not gets no status messages. */
    @Test
    void sends_idle_heartbeats_only_when_asked_and_confirms_them() throws Exception {
        Subscription asked = nats.connection().subscribe("watch.streams.h1");
        Subscription plain = nats.connection().subscribe("watch.streams.h2");

        String confirmed = send("svc.watched.a.watch", "{\"id\":\"h1\",\"heartbeat\":100}");
        String unasked = send("svc.watched.b.watch", "{\"id\":\"h2\"}");
        Subscription zero = nats.connection().subscribe("watch.streams.h4");
        String none = send("svc.watched.b.watch", "{\"id\":\"h4\",\"heartbeat\":0}");

        assertThat(confirmed).isEqualTo("{\"subject\":\"watch.streams.h1\",\"heartbeat\":100}");
        assertThat(unasked).isEqualTo("{\"subject\":\"watch.streams.h2\"}");
        assertThat(none).as("0 is none, as a Go client without omitempty sends it").isEqualTo("{\"subject\":\"watch.streams.h4\"}");
        Message heartbeat = asked.nextMessage(Duration.ofSeconds(5));
        assertThat(heartbeat).isNotNull();
        assertThat(heartbeat.isStatusMessage()).isTrue();
        assertThat(heartbeat.getStatus().isHeartbeat()).isTrue();
        assertThat(plain.nextMessage(Duration.ofMillis(500))).as("nothing for a request that did not ask").isNull();
        assertThat(zero.nextMessage(Duration.ofMillis(100))).as("nothing for a request that asked for 0").isNull();
        zero.unsubscribe();
        asked.unsubscribe();
        plain.unsubscribe();
    }

    @Test
    void refuses_a_heartbeat_that_is_no_whole_number_of_100_to_60000_milliseconds() throws Exception {
        for (String heartbeat : List.of("99", "60001", "1.5", "\"5s\"", "-1", "true")) {
            String body = "{\"id\":\"h3\",\"heartbeat\":" + heartbeat + "}";
            Message reply = nats.connection().request("svc.watched.a.watch", body.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(5));

            assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).as(body).isEqualTo("400");
            assertThat(dataOf(reply)).as(body).isEqualTo("a stream request body must be {\"id\":\"<one subject "
                    + "token>\"}, optionally with \"heartbeat\":<100 to 60000 milliseconds, or 0 for none>, the "
                    + "heartbeat was " + heartbeat);
        }
        assertThat(nats.connection().jetStreamManagement().getConsumerNames(store.name())).isEmpty();
    }
}

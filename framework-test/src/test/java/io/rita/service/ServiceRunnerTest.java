package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Counters.Added;
import io.rita.test.DuplicateWindows;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceRunnerTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private JetStreamEventStore store;
    private ServiceRunner runner;
    private String prefix;

    static JetStreamEventStore counterStore(Connection connection, String name) {
        return counterStore(connection, StoreConfig.of(name));
    }

    static JetStreamEventStore counterStore(Connection connection, StoreConfig config) {
        JetStreamEventStore store = Rita.of(connection, RitaOptions.defaults().withTypes(Counters.TYPES)).eventStore(config);
        store.create();
        return store;
    }

    @BeforeEach
    void start(TestInfo test) {
        String name = "c" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        prefix = name;
        store = counterStore(nats.connection(), name);
        runner = ServiceRunner.start(nats.connection(), Dispatcher.of(store, routes(name)),
                ServiceOptions.of("counters", "1.0.0", "Counters for tests").withQueueGroup(name));
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    /** Requests go to {@code svc.<store>.<counter>.<op>}, outside the store's subjects {@code <store>.>}. */
    static List<Route> routes(String store) {
        return List.of(
                CommandRoute.of("svc." + store + ".*.add", Counters.Add.class, (req, command) -> store + "." + req.token(2),
                        Counters.DECIDER),
                QueryRoute.of("svc." + store + ".*.value", req -> store + "." + req.token(2), Counters.DECIDER,
                        (state, req) -> state));
    }

    private Message request(String subject, String body, Map<String, String> headers) throws Exception {
        Headers h = new Headers();
        headers.forEach(h::put);
        return nats.connection().request(NatsMessage.builder().subject(subject).headers(h)
                .data(body.getBytes(StandardCharsets.UTF_8)).build(), Duration.ofSeconds(5));
    }

    private Message add(String counter, int n, Map<String, String> headers) throws Exception {
        return request("svc." + prefix + "." + counter + ".add", "{\"n\":" + n + "}", headers);
    }

    @Test
    void serves_a_command_and_replies_with_the_new_sequence() throws Exception {
        Message reply = add("a", 3, Map.of());

        assertThat(reply.getData()).isEmpty();
        assertThat(reply.getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isEqualTo("1");
        assertThat(store.load(prefix + ".a").events()).extracting(StoredEvent::data).containsExactly(new Added(3));
    }

    @Test
    void replies_a_rejection_with_its_text_and_the_service_error_headers() throws Exception {
        Message reply = add("a", 101, Map.of());

        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("counter: limit is 100");
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error")).isEqualTo("counter: limit is 100");
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("400");
        assertThat(store.load(prefix + ".a").events()).isEmpty();
    }

    @Test
    void serves_a_query_as_json() throws Exception {
        add("a", 3, Map.of());

        Message reply = request("svc." + prefix + ".a.value", "", Map.of());

        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":3}");
    }

    @Test
    void refuses_a_route_with_the_fallback_endpoints_name_which_would_replace_it() {
        Dispatcher clash = Dispatcher.of(store, List.of(QueryRoute.of("svc." + prefix + ".*.fallback",
                req -> prefix + "." + req.token(2), Counters.DECIDER, (state, req) -> state)));

        assertThatThrownBy(() -> ServiceRunner.start(nats.connection(), clash,
                ServiceOptions.of("counters", "1.0.0", "Counters for tests").withFallback("other." + prefix + ".>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route 'svc." + prefix + ".*.fallback' is named 'fallback', the name of the service's"
                        + " fallback endpoint; give it another name (withName)");
    }

    @Test
    void answers_unknown_operations_on_a_fallback_pattern_and_still_serves_routes() throws Exception {
        runner.close();
        runner = ServiceRunner.start(nats.connection(), Dispatcher.of(store, routes(prefix)),
                ServiceOptions.of("counters", "1.0.0", "Counters for tests").withQueueGroup(prefix)
                        .withFallback("svc." + prefix + ".>"));

        Message unknown = request("svc." + prefix + ".a.multiply", "{}", Map.of());
        for (int i = 0; i < 10; i++) {
            add("a", 1, Map.of());
        }

        assertThat(new String(unknown.getData(), StandardCharsets.UTF_8)).isEqualTo("unknown service operation");
        assertThat(unknown.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).isEqualTo("404");
        assertThat(store.load(prefix + ".a").events()).hasSize(10);
    }

    @Test
    void answers_ping_and_info_of_the_service_api() throws Exception {
        Message ping = nats.connection().request("$SRV.PING.counters", new byte[0], Duration.ofSeconds(5));
        Message info = nats.connection().request("$SRV.INFO.counters." + runner.id(), new byte[0],
                Duration.ofSeconds(5));

        assertThat(new String(ping.getData(), StandardCharsets.UTF_8)).contains("\"name\":\"counters\"")
                .contains(runner.id());
        assertThat(new String(info.getData(), StandardCharsets.UTF_8)).contains("\"name\":\"add\"")
                .contains("\"subject\":\"svc." + prefix + ".*.add\"").contains("Counters for tests");
    }

    @Test
    void reports_what_each_route_did_in_the_stats_data_of_the_service_api() throws Exception {
        add("a", 60, Map.of());
        add("a", 60, Map.of());                                        // over the limit of 100
        add("a", 1, Map.of(ServiceHeaders.COMMAND_ID, "twice"));
        add("a", 1, Map.of(ServiceHeaders.COMMAND_ID, "twice"));
        add("a", 1, Map.of(ServiceHeaders.EXPECTED_SEQUENCE, "0"));    // stale
        request("svc." + prefix + ".a.value", "", Map.of());

        Message stats = nats.connection().request("$SRV.STATS.counters." + runner.id(), new byte[0],
                Duration.ofSeconds(5));

        String json = new String(stats.getData(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"data\":{\"requests\":5,\"accepted\":2,\"duplicates\":1,\"rejected\":1,"
                + "\"conflicts\":1,\"failed\":0,\"retries\":0,\"grouped\":0,\"cache_hits\":4}");
        assertThat(json).contains("\"data\":{\"requests\":1,");
    }

    @Test
    void stores_a_resent_command_once_and_replies_as_the_first_time() throws Exception {
        Map<String, String> id = Map.of(ServiceHeaders.COMMAND_ID, "resent-1");

        Message first = add("a", 3, id);
        Message second = add("a", 3, id);

        assertThat(second.getHeaders().getFirst(ServiceHeaders.SEQUENCE))
                .isEqualTo(first.getHeaders().getFirst(ServiceHeaders.SEQUENCE));
        assertThat(second.getHeaders().getFirst("Nats-Service-Error")).isNull();
        assertThat(store.load(prefix + ".a").events()).hasSize(1);
    }

    @Test
    void stores_a_resent_command_once_after_caches_are_gone() throws Exception {
        Map<String, String> id = Map.of(ServiceHeaders.COMMAND_ID, "resent-2");
        add("a", 3, id);
        add("a", 1, Map.of());
        runner.close();
        runner = ServiceRunner.start(nats.connection(), Dispatcher.of(store, routes(prefix)),
                ServiceOptions.of("counters", "1.0.0", "Counters for tests").withQueueGroup(prefix));

        Message again = add("a", 3, id);

        assertThat(again.getHeaders().getFirst("Nats-Service-Error")).isNull();
        assertThat(store.load(prefix + ".a").events()).extracting(StoredEvent::data)
                .containsExactly(new Added(3), new Added(1));
    }

    @Test
    void stores_a_resent_command_once_after_the_duplicate_window_has_passed() throws Exception {
        String windowed = prefix + "w";
        JetStreamEventStore forgetful = counterStore(nats.connection(),
                StoreConfig.of(windowed).withDuplicateWindow(Duration.ofMillis(100)));
        runner.close();
        runner = ServiceRunner.start(nats.connection(), Dispatcher.of(forgetful, routes(windowed)),
                ServiceOptions.of("counters", "1.0.0", "Counters for tests").withQueueGroup(windowed));
        Map<String, String> id = Map.of(ServiceHeaders.COMMAND_ID, "late-1");
        Message first = request("svc." + windowed + ".a.add", "{\"n\":3}", id);
        DuplicateWindows.awaitPassed(nats.connection(), windowed + ".probe");

        Message again = request("svc." + windowed + ".a.add", "{\"n\":3}", id);

        assertThat(again.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR)).isNull();
        assertThat(again.getHeaders().getFirst(ServiceHeaders.SEQUENCE))
                .isEqualTo(first.getHeaders().getFirst(ServiceHeaders.SEQUENCE));
        assertThat(forgetful.load(windowed + ".a").events()).extracting(StoredEvent::data).containsExactly(new Added(3));
    }

    @Test
    void refuses_a_command_id_already_used_on_another_counter() throws Exception {
        Map<String, String> id = Map.of(ServiceHeaders.COMMAND_ID, "reused-1");
        add("a", 3, id);

        Message reply = add("b", 1, id);

        assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).isEqualTo("400");
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("command id reused-1 was already "
                + "used on " + prefix + ".a; nothing was stored on " + prefix + ".b: send every command with its own id");
        assertThat(store.load(prefix + ".b").events()).isEmpty();
    }

    @Test
    void refuses_a_command_id_the_store_could_not_keep_with_400() throws Exception {
        Message reply = add("a", 1, Map.of(ServiceHeaders.COMMAND_ID, "two words"));

        assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).isEqualTo("400");
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).startsWith("Rita-Command-Id must be");
        assertThat(store.load(prefix + ".a").events()).isEmpty();
    }

    @Test
    void replies_409_with_the_current_sequence_to_a_stale_client_expectation() throws Exception {
        long first = Long.parseLong(add("a", 1, Map.of()).getHeaders().getFirst(ServiceHeaders.SEQUENCE));
        String second = add("a", 1, Map.of()).getHeaders().getFirst(ServiceHeaders.SEQUENCE);

        Message reply = add("a", 1, Map.of(ServiceHeaders.EXPECTED_SEQUENCE, Long.toString(first)));

        assertThat(reply.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("409");
        assertThat(reply.getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isEqualTo(second);
        assertThat(store.load(prefix + ".a").events()).hasSize(2);
    }
}

package io.rita.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.projection.Projection;
import io.rita.projection.Projector;
import io.rita.projection.ViewEntry;
import io.rita.projection.Views;
import io.rita.projection.Tallies;
import io.rita.projection.Tallies.Added;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Queries answered from a projection's views, through the dispatcher and on NATS. */
@Timeout(60)
class ProjectionRouteTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String name(TestInfo test) {
        return "r" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
    }

    /** {@code svc.<store>.tallies} lists every tally; {@code svc.<store>.*.tally} reads one. */
    private static List<Route> routes(String store, Projector<TallyEvent, Tally> projector) {
        return List.of(
                ProjectionRoute.of("svc." + store + ".tallies", projector.views(),
                        (views, req) -> views.entries().stream().map(ViewEntry::key).toList()),
                ProjectionRoute.of("svc." + store + ".*.tally", projector.views(),
                        (views, req) -> views.get(req.token(2)).orElse(null)));
    }

    @Test
    void answers_from_the_views_through_the_dispatcher_and_on_nats(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        store.append(store.name() + ".b", List.of(Event.of(new Added(2))));
        store.append(store.name() + ".a", List.of(Event.of(new Added(1))));
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()))) {
            projector.awaitLive(PATIENCE);
            Dispatcher dispatcher = Dispatcher.of(store, routes(store.name(), projector));

            Reply list = dispatcher.dispatch(Request.of("svc." + store.name() + ".tallies", new byte[0]));
            assertThat(list).isInstanceOf(Reply.Success.class);
            assertThat(new String(list.body(), StandardCharsets.UTF_8)).isEqualTo("[\"a\",\"b\"]");

            ServiceRunner runner = ServiceRunner.start(nats.connection(), dispatcher,
                    ServiceOptions.of("tallies", "1.0.0", "tallies").withQueueGroup(name(test))
                            .withFallback("svc." + store.name() + ".>"));
            try {
                Message one = nats.connection().request("svc." + store.name() + ".b.tally", new byte[0],
                        Duration.ofSeconds(5));
                assertThat(new String(one.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"events\":1,\"sum\":2}");

                JsonNode stats = JSON.readTree(nats.connection().request("$SRV.STATS.tallies." + runner.id(),
                        new byte[0], Duration.ofSeconds(5)).getData());
                JsonNode tallies = stats.get("endpoints").findParents("name").stream()
                        .filter(endpoint -> endpoint.get("name").asText().equals("tallies")).findFirst().orElseThrow();
                assertThat(tallies.get("data").get("projection_behind").asLong()).isZero();
                assertThat(tallies.get("data").get("projection_healthy").asLong()).isEqualTo(1);
                assertThat(tallies.get("data").get("projection_version").asLong()).isEqualTo(1);
                assertThat(tallies.get("data").get("requests").asLong()).as("the list read above").isEqualTo(1);
            } finally {
                runner.close();
            }
        }
    }

    /** Route.projection's endpoint is named after the pattern; renamed, it keeps its pattern and serves as before. */
    @Test
    void a_projection_route_is_named_after_its_pattern_and_renamed_serves_as_before(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        store.append(store.name() + ".a", List.of(Event.of(new Added(3))));
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()))) {
            projector.awaitLive(PATIENCE);
            Route tally = Route.projection("svc." + store.name() + ".*.tally", projector.views(),
                    (views, req) -> views.get(req.token(2)).orElse(null));
            Route count = tally.withName("count");

            assertThat(List.of(tally, count)).extracting(Route::name).containsExactly("tally", "count");
            assertThat(count.pattern()).isEqualTo("svc." + store.name() + ".*.tally");
            Reply reply = Dispatcher.of(store, List.of(count))
                    .dispatch(Request.of("svc." + store.name() + ".a.tally", new byte[0]));
            assertThat(reply).isInstanceOf(Reply.Success.class);
            assertThat(reply.text()).isEqualTo("{\"events\":1,\"sum\":3}");
        }
    }

    /** As Route's other factories: a pattern that is not a subject filter, and a null name, are refused at once. */
    @Test
    void a_projection_route_refuses_a_pattern_that_is_not_a_subject_filter_and_a_null_name(TestInfo test) {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Views<Tally> views = Views.of(store, Tallies.projection(name(test), store.name(), new AtomicLong()));

        assertThatThrownBy(() -> Route.projection("svc..tallies", views, (v, req) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a route pattern");
        assertThatThrownBy(() -> Route.projection("svc.tallies", views, (v, req) -> null).withName(null))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    /**
     * While the projection's bucket gives no answer, its route's statistics say only that how far
     * behind it is is unknown: not version 0 ("being built"), not unhealthy.
     */
    @Test
    void statistics_of_a_projection_whose_bucket_does_not_answer_say_only_that_behind_is_unknown(TestInfo test)
            throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), new AtomicLong());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection)) {
            projector.awaitLive(PATIENCE);
        }
        JetStreamEventStore impatient = Rita.of(nats.connection(), store.options().withTimeout(Duration.ofSeconds(1)))
                .eventStore(store.name());
        Route route = ProjectionRoute.of("svc." + store.name() + ".tallies", Views.of(impatient, projection),
                (views, req) -> views.entries().size());
        Dispatcher dispatcher = Dispatcher.of(impatient, List.of(route));
        assertThat(dispatcher.statistics(route)).containsEntry("projection_behind", 0L)
                .containsEntry("projection_healthy", 1L).containsEntry("projection_version", 1L);

        Map<String, Long> unanswered;
        nats.server().pause();
        try {
            unanswered = dispatcher.statistics(route);
        } finally {
            nats.server().resume();
        }

        assertThat(unanswered).containsEntry("projection_behind", -1L)
                .doesNotContainKeys("projection_healthy", "projection_version");
    }

    @Test
    void answers_503_while_no_version_is_ready(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 20, 1);
        CountDownLatch go = new CountDownLatch(1);
        Projection<TallyEvent, Tally> held = Projection.of(name(test), store.name() + ".*", TallyEvent.class,
                Tally.class, (tally, event) -> {
                    try {
                        go.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Tallies.apply(tally, event);
                });
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, held)) {
            Dispatcher dispatcher = Dispatcher.of(store, routes(store.name(), projector));

            Reply reply = dispatcher.dispatch(Request.of("svc." + store.name() + ".tallies", new byte[0]));

            assertThat(reply).isInstanceOfSatisfying(Reply.Failure.class, failure -> {
                assertThat(failure.code()).isEqualTo(503);
                assertThat(failure.message()).startsWith("projection " + name(test) + " v1 is not ready yet: it is being "
                        + "built from the start of the stream").endsWith("; try again shortly");
            });
            go.countDown();
            projector.awaitLive(PATIENCE);
            assertThat(dispatcher.dispatch(Request.of("svc." + store.name() + ".tallies", new byte[0])).isSuccess())
                    .isTrue();
        }
    }

    @Test
    void a_view_that_cannot_be_read_is_a_500_that_names_the_projection_and_not_its_data(TestInfo test)
            throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), new AtomicLong());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection)) {
            projector.awaitLive(PATIENCE);
            nats.connection().jetStream().publish(NatsMessage.builder().subject("$KV." + projection.bucket() + ".x")
                    .headers(new Headers().put("rita-projection-sequence", "1"))
                    .data("[]".getBytes(StandardCharsets.UTF_8)).build());
            Dispatcher dispatcher = Dispatcher.of(store, routes(store.name(), projector));

            Reply reply;
            List<String> logged;
            try (io.rita.aggregate.LogRecords log = io.rita.aggregate.LogRecords.of(Dispatcher.class.getName())) {
                reply = dispatcher.dispatch(Request.of("svc." + store.name() + ".x.tally", new byte[0]));
                logged = log.messages();
            }

            assertThat(reply).isInstanceOfSatisfying(Reply.Failure.class, failure -> {
                assertThat(failure.code()).isEqualTo(500);
                assertThat(failure.message()).matches("projection " + projection.name() + " v1 cannot be read"
                        + " \\(reference \\w+ in the service's log\\)");
                // what the reply leaves out is in the log line that the reference finds
                String reference = failure.message().replaceAll(".*\\(reference (\\w+) .*", "$1");
                assertThat(logged).singleElement().asString().contains("(reference " + reference + ")")
                        .contains("the view 'x' of bucket " + projection.bucket()).contains("cannot be read as Tally");
            });
        }
    }
}

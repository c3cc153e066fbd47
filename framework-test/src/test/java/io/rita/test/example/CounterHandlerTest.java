package io.rita.test.example;

import io.rita.service.Request;
import io.rita.test.DeciderFixture;
import io.rita.test.Handled;
import io.rita.test.HandlerFixture;
import io.rita.test.example.CounterEvent.Added;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler fixture used on a small counter service. */
class CounterHandlerTest {

    private static final Instant NOW = DeciderFixture.DEFAULT_TIME;

    private final HandlerFixture counters = HandlerFixture.of(Counters.TYPES, List.of("counters.>"), Counters::routes);

    @Test
    void stores_the_event_of_an_accepted_command() {
        counters.given("counters.c1", new Added(4, NOW))
                .when("counters.c1.add", "{\"amount\":3}")
                .thenStored("counters.c1", new Added(3, NOW));
    }

    @Test
    void rejects_a_command_over_the_limit_and_stores_nothing() {
        counters.given("counters.c1", new Added(8, NOW))
                .when("counters.c1.add", "{\"amount\":3}")
                .thenRejected("counter: limit is 10");
    }

    @Test
    void answers_a_query_from_the_stored_events() {
        counters.given("counters.c1", new Added(4, NOW), new Added(3, NOW))
                .when("counters.c1.value", "")
                .thenReplied("{\"value\":7}");
    }

    @Test
    void decides_again_on_the_new_state_after_a_concurrent_append() {
        Handled handled = counters.given("counters.c1", new Added(4, NOW))
                .when("counters.c1.add", "{\"amount\":3}")
                .concurrently("counters.c1", new Added(2, NOW))
                .thenStored(new Added(3, NOW));

        assertThat(handled.store().load("counters.c1").events()).hasSize(3);
    }

    @Test
    void rejects_when_a_concurrent_append_leaves_no_room() {
        counters.given("counters.c1", new Added(4, NOW))
                .when("counters.c1.add", "{\"amount\":3}")
                .concurrently("counters.c1", new Added(5, NOW))
                .thenRejected("counter: limit is 10");
    }

    @Test
    void refuses_a_body_that_is_not_a_command() {
        counters.when("counters.c1.add", "{\"amount\":\"three\"}").thenBadRequest("bad request body");
    }

    @Test
    void refuses_an_unknown_operation() {
        counters.when("counters.c1.subtract", "{\"amount\":3}").thenFailed(404, "unknown service operation");
    }

    @Test
    void stamps_stored_events_with_the_command_id_and_the_scenarios_time() {
        Handled handled = counters.at(Instant.parse("2022-05-30T14:00:00Z"))
                .when(Request.of("counters.c1.add", "{\"amount\":3}".getBytes(StandardCharsets.UTF_8))
                        .withHeader("Rita-Command-Id", "add-3"))
                .thenStored(new Added(3, Instant.parse("2022-05-30T14:00:00Z")));

        assertThat(handled.stored().get(0).id()).isEqualTo("add-3-0");
        assertThat(handled.stored().get(0).meta()).containsEntry("causation-id", "add-3");
        assertThat(handled.stored().get(0).time().toInstant()).isEqualTo(Instant.parse("2022-05-30T14:00:00Z"));
    }
}

package io.rita.test;

import io.rita.aggregate.EngineOptions;
import io.rita.aggregate.Snapshots;
import io.rita.eventstore.Event;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Route;
import io.rita.test.Counter.Add;
import io.rita.test.Counter.Added;
import io.rita.test.Counter.Stamp;
import io.rita.test.Counter.Stamped;
import io.rita.test.memory.InMemorySnapshotStore;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handler fixture's own behaviour: what it checks and how it reports. */
class HandlerFixtureTest {

    private static final TypeRegistry TYPES = TypeRegistry.builder()
            .add("added", Added.class)
            .add("was-set", Counter.WasSet.class)
            .add("stamped", Stamped.class)
            .build();

    private final HandlerFixture fx = HandlerFixture.of(TYPES, List.of("counters.>"), clock -> List.of(
            Route.command("counters.*.add", Add.class, (req, command) -> "counters." + req.token(1), new Counter.Rules()),
            Route.command("counters.*.stamp", Stamp.class, (req, command) -> "counters." + req.token(1),
                    new Counter.Rules(clock, () -> "stamp-id")),
            // a route with a bug: its aggregate lies outside the subjects the store binds
            Route.command("counters.*.lose", Add.class, (req, command) -> "lost." + req.token(1), new Counter.Rules())));

    @Test
    void shows_the_scenario_and_the_differing_field_of_a_stored_event() {
        assertThatThrownBy(() -> fx.given("counters.c1", new Added(2)).when("counters.c1.add", "{\"n\":3}")
                .thenStored(new Added(4)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""
                        Scenario: at 2022-05-30T13:41:53Z given counters.c1 [Added[n=2]] \
                        when request counters.c1.add {"n":3}
                        event 1 of 1: Added
                          n   expected 4   actual 3
                        stored on counters.c1""");
    }

    @Test
    void runs_a_handler_whose_engine_keeps_snapshots_in_memory() throws InterruptedException {
        InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
        HandlerFixture snapshotting = fx.withDispatchOptions(options -> options.withEngine(EngineOptions.defaults()
                .withSnapshots(Snapshots.in(snapshots).withEvery(1).withSlowLoad(Duration.ZERO))));

        snapshotting.given("counters.c1", new Added(2), new Added(3)).when("counters.c1.add", "{\"n\":4}")
                .thenStored(new Added(4));

        // written in the background: wait for it, with a deadline
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (snapshots.writes() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(snapshots.writes()).isPositive();
    }

    @Test
    void counts_missing_stored_events() {
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":3}").thenStored(new Added(3), new Added(1)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected 2 events, the handler stored 1");
    }

    @Test
    void shows_the_failure_when_a_success_was_expected() {
        assertThatThrownBy(() -> fx.given("counters.c1", new Added(9)).when("counters.c1.add", "{\"n\":3}")
                .thenStored(new Added(3)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageEndingWith("expected a success, but the reply was failure 400 (rejection) 'counter: limit is 10'");
    }

    @Test
    void fails_when_the_failure_has_another_code() {
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":3}").thenFailed(409, "conflict"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected a failure 409 containing 'conflict', but the reply was success ''")
                .hasMessageContaining("and the request stored [Added[n=3]]");
    }

    @Test
    void fails_when_the_reply_body_differs() {
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":3}").thenReplied("ok"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected the reply body 'ok', but it was ''");
    }

    @Test
    void fails_when_the_concurrent_append_never_happened() {
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":30}").concurrently("counters.c1", new Added(1))
                .thenRejected("limit"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("while another writer appends to counters.c1 [Added[n=1]]")
                .hasMessageContaining("the concurrent append to counters.c1 never happened");
    }

    @Test
    void keeps_the_concurrent_events_out_of_the_stored_ones() {
        Handled handled = fx.when("counters.c1.add", "{\"n\":3}").concurrently("counters.c1", new Added(1))
                .thenStored(new Added(3));

        assertThat(handled.store().load("counters.c1").events()).extracting(StoredEvent::data)
                .containsExactly(new Added(1), new Added(3));
    }

    @Test
    void takes_given_events_with_their_own_id_and_meta() {
        Handled handled = fx.given("counters.c1", Event.of(new Added(2)).withId("old-1").withMeta("source", "import"))
                .when("counters.c1.add", "{\"n\":3}").thenStored(new Added(3));

        StoredEvent given = handled.store().load("counters.c1").events().get(0);
        assertThat(given.id()).isEqualTo("old-1");
        assertThat(given.meta()).containsEntry("source", "import");
    }

    @Test
    void builds_the_routes_with_the_scenarios_clock() {
        fx.at(Instant.EPOCH).when("counters.c1.stamp", "{}").thenStored(new Stamped("stamp-id", Instant.EPOCH));
    }

    @Test
    void ignores_named_fields_of_stored_events() {
        fx.when("counters.c1.stamp", "{}").ignoringFields("at").thenStored(new Stamped("stamp-id", null));
    }

    @Test
    void hands_out_command_ids_in_order() {
        Handled handled = fx.when("counters.c1.add", "{\"n\":3}").thenReplied();

        assertThat(handled.stored().get(0).id()).isEqualTo("command-1-0");
    }

    @Test
    void applies_adjusted_dispatch_options() {
        fx.withDispatchOptions(options -> options.withMaxBodyBytes(4))
                .when("counters.c1.add", "{\"n\":3}").thenFailed(413, "over the limit of 4 bytes");
    }

    @Test
    void checks_the_subject_the_events_were_stored_on() {
        Handled handled = fx.when("counters.c1.add", "{\"n\":3}").thenStored("counters.c1", new Added(3));

        assertThat(handled.stored()).extracting(StoredEvent::subject).containsExactly("counters.c1");
    }

    @Test
    void fails_when_the_events_were_stored_on_another_subject() {
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":3}").thenStored("counters.c2", new Added(3)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageEndingWith("event 1 of 1 was stored on counters.c1, expected on counters.c2");
    }

    @Test
    void fails_when_a_route_appends_outside_the_subjects_the_store_binds() {
        // as on JetStream: nothing stored, and sending again will not help
        fx.when("counters.c1.lose", "{\"n\":3}").thenFailed(500, "the service's event store is not set up for this:"
                + " nothing was stored");
    }

    @Test
    void fails_when_given_events_lie_outside_the_subjects_the_store_binds() {
        assertThatThrownBy(() -> fx.given("lost.c1", new Added(1)).when("counters.c1.add", "{\"n\":3}").thenReplied())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("cannot store the given event Added[n=1] on lost.c1")
                .hasMessageContaining("store 'handler' does not take lost.c1");
    }

    @Test
    void refuses_to_bind_no_subjects() {
        assertThatThrownBy(() -> HandlerFixture.of(TYPES, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fails_when_the_concurrent_append_is_on_a_subject_the_handler_does_not_append_to() {
        assertThatThrownBy(() -> fx.given("counters.c2", new Added(1)).when("counters.c1.add", "{\"n\":3}")
                .concurrently("counters.c2", new Added(1)).thenStored(new Added(3)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("the concurrent append to counters.c2 never happened: "
                        + "the handler appended nothing to counters.c2");
    }

    @Test
    void fails_when_the_concurrent_append_caused_no_conflict() {
        // the other writer stores the handler's own event (same id): the handler's append is a duplicate, no conflict
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":3}")
                .concurrently("counters.c1", Event.of(new Added(3)).withId("command-1-0")).thenReplied())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("the concurrent append to counters.c1 caused no conflict");
    }

    @Test
    void refuses_a_concurrent_append_of_nothing_or_to_no_single_subject() {
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":3}").concurrently("counters.c1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrently(counters.c1) needs at least one event for the other writer to append");
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":3}").concurrently("counters.*", new Added(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counters.*");
    }

    @Test
    void fires_each_concurrent_append_before_the_handlers_append_to_its_subject() {
        Handled handled = fx.given("counters.c1", new Added(2)).when("counters.c1.add", "{\"n\":3}")
                .concurrently("counters.c1", new Added(1))
                .concurrently("counters.c1", new Added(4))
                .thenStored("counters.c1", new Added(3));

        assertThat(handled.store().load("counters.c1").events()).extracting(StoredEvent::data)
                .containsExactly(new Added(2), new Added(1), new Added(4), new Added(3));
    }

    @Test
    void passes_a_failure_with_any_message_when_no_part_is_named() {
        fx.when("counters.c1.subtract", "{\"n\":3}").thenFailed(404, null);
    }

    @Test
    void does_not_take_a_bad_body_for_a_rejection() {
        assertThatThrownBy(() -> fx.when("counters.c1.add", "{\"n\":\"three\"}").thenRejected("bad request body"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected a rejection containing 'bad request body', but the reply was "
                        + "failure 400 (bad-request) 'bad request body:");
    }

    @Test
    void passes_a_rejection_without_a_message_part() {
        Handled handled = fx.given("counters.c1", new Added(9)).when("counters.c1.add", "{\"n\":3}").thenRejected();

        assertThat(handled.reply().text()).isEqualTo("counter: limit is 10");
    }

    @Test
    void expects_a_bad_request_for_a_body_that_is_not_a_command() {
        fx.when("counters.c1.add", "{\"n\":\"three\"}").thenBadRequest("bad request body");
    }

    @Test
    void does_not_take_a_rejection_for_a_bad_request() {
        assertThatThrownBy(() -> fx.given("counters.c1", new Added(9)).when("counters.c1.add", "{\"n\":3}")
                .thenBadRequest("limit"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected a bad request containing 'limit', but the reply was "
                        + "failure 400 (rejection) 'counter: limit is 10'");
    }
}

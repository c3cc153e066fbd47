package io.rita.test;

import io.rita.decider.Rejection;
import io.rita.test.Counter.Add;
import io.rita.test.Counter.Added;
import io.rita.test.Counter.Command;
import io.rita.test.Counter.Event;
import io.rita.test.Counter.SetTo;
import io.rita.test.Counter.Stamp;
import io.rita.test.Counter.Stamped;
import io.rita.test.Counter.WasSet;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeciderFixtureTest {

    private final DeciderFixture<Command, Event, Counter> fx = DeciderFixture.of(new Counter.Rules());

    @Test
    void passes_when_decide_returns_the_expected_events() {
        Outcome<Event, Counter> outcome = fx.given(new Added(2)).when(new Add(3)).then(new Added(3));

        assertThat(outcome.events()).containsExactly(new Added(3));
        assertThat(outcome.state()).isEqualTo(new Counter(5));
    }

    @Test
    void fails_when_decide_returns_other_events() {
        assertThatThrownBy(() -> fx.given(new Added(2)).when(new Add(3)).then(new Added(4)))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void fails_when_decide_returns_more_events_than_expected() {
        assertThatThrownBy(() -> fx.when(new Add(3)).then())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected 0 events, decide returned 1");
    }

    @Test
    void starts_from_the_initial_state_without_given_events() {
        assertThat(fx.when(new Add(1)).then(new Added(1)).state()).isEqualTo(new Counter(1));
    }

    @Test
    void starts_from_a_given_state() {
        assertThat(fx.givenState(new Counter(8)).when(new Add(2)).then(new Added(2)).state())
                .isEqualTo(new Counter(10));
    }

    @Test
    void takes_given_events_as_a_list() {
        fx.given(List.of(new Added(4), new Added(4))).when(new Add(3)).thenRejected("limit is 10");
    }

    @Test
    void checks_the_state_after_the_new_events() {
        fx.given(new Added(2)).when(new Add(3)).thenState(new Counter(5));
    }

    @Test
    void fails_when_the_state_differs() {
        assertThatThrownBy(() -> fx.given(new Added(2)).when(new Add(3)).thenState(new Counter(6)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("value   expected 6   actual 5");
    }

    @Test
    void runs_an_assertion_on_the_state() {
        fx.given(new Added(2)).when(new Add(3)).thenState(state -> assertThat(state.value()).isEqualTo(5));
    }

    @Test
    void reports_a_failed_state_assertion_with_the_scenario() {
        assertThatThrownBy(() -> fx.given(new Added(2)).when(new Add(3))
                .thenState(state -> assertThat(state.value()).isEqualTo(7)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Scenario: ")
                .hasMessageContaining("Counter[value=5]")
                .hasCauseInstanceOf(AssertionError.class);
    }

    @Test
    void passes_when_decide_returns_nothing() {
        assertThat(fx.given(new Added(2)).when(new SetTo(2)).thenNothing().state()).isEqualTo(new Counter(2));
    }

    @Test
    void fails_when_nothing_was_expected_but_decide_returned_events() {
        assertThatThrownBy(() -> fx.given(new Added(2)).when(new SetTo(3)).thenNothing())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected no events, but decide returned 1:\n  1. WasSet[value=3]");
    }

    @Test
    void returns_the_rejection() {
        Rejection rejection = fx.given(new Added(9)).when(new Add(3)).thenRejected();

        assertThat(rejection).hasMessage("counter: limit is 10");
    }

    @Test
    void passes_when_the_rejection_message_contains_the_part() {
        fx.given(new Added(9)).when(new Add(3)).thenRejected("limit is 10");
    }

    @Test
    void fails_when_the_rejection_message_lacks_the_part() {
        assertThatThrownBy(() -> fx.given(new Added(9)).when(new Add(3)).thenRejected("insufficient"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("but the message was 'counter: limit is 10'");
    }

    @Test
    void fails_when_a_rejection_was_expected_but_decide_accepted() {
        assertThatThrownBy(() -> fx.given(new Added(1)).when(new Add(3)).thenRejected())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected Rejection, but decide accepted the command and returned [Added[n=3]]");
    }

    @Test
    void accepts_another_exception_type_when_named() {
        var fussy = DeciderFixture.of(io.rita.decider.Decider.<String, String, String>of("",
                (state, command) -> {
                    throw new IllegalArgumentException("bad command " + command);
                },
                (state, event) -> state));

        IllegalArgumentException thrown = fussy.when("x").thenRejected(IllegalArgumentException.class, "bad command");

        assertThat(thrown).hasMessage("bad command x");
    }

    @Test
    void does_not_take_another_exception_for_a_rejection() {
        var broken = DeciderFixture.of(io.rita.decider.Decider.<String, String, String>of("",
                (state, command) -> {
                    throw new IllegalStateException("bug");
                },
                (state, event) -> state));

        assertThatThrownBy(() -> broken.when("x").thenRejected())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected Rejection, but decide threw java.lang.IllegalStateException: bug")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void reports_an_unexpected_rejection_with_its_message() {
        assertThatThrownBy(() -> fx.given(new Added(9)).when(new Add(3)).then(new Added(3)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("but decide threw io.rita.decider.Rejection: counter: limit is 10")
                .hasCauseInstanceOf(Rejection.class);
    }

    @Test
    void runs_at_the_default_time_in_utc() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids));

        stamping.when(new Stamp()).then(new Stamped("id-1", Instant.parse("2022-05-30T13:41:53Z")));
        assertThat(stamping.clock().getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }

    @Test
    void runs_at_the_time_set_for_the_scenario() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids));

        stamping.at(Instant.parse("2024-01-01T00:00:00Z")).when(new Stamp())
                .then(new Stamped("id-1", Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Test
    void takes_the_zone_from_a_zoned_time() {
        ZonedDateTime now = ZonedDateTime.of(2022, 5, 30, 9, 0, 0, 0, ZoneId.of("America/New_York"));

        var fixture = DeciderFixture.of(clock -> new Counter.Rules(clock, () -> "id")).at(now);

        assertThat(fixture.clock().getZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(fixture.clock().instant()).isEqualTo(now.toInstant());
    }

    @Test
    void hands_out_the_same_ids_in_every_scenario() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids));

        stamping.when(new Stamp()).ignoringFields("at").then(new Stamped("id-1", null));
        stamping.when(new Stamp()).ignoringFields("at").then(new Stamped("id-1", null));
    }

    @Test
    void hands_out_the_ids_a_scenario_sets() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids));

        stamping.withIds(n -> "deposit-" + n).when(new Stamp()).ignoringFields("at").then(new Stamped("deposit-1", null));
        stamping.withIds(List.of("Zq3", "Zq4")).when(new Stamp()).ignoringFields("at").then(new Stamped("Zq3", null));
    }

    @Test
    void starts_the_ids_afresh_in_every_scenario_of_a_fixture_with_its_own_ids() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids))
                .withIds(n -> "deposit-" + n);

        stamping.when(new Stamp()).ignoringFields("at").then(new Stamped("deposit-1", null));
        stamping.when(new Stamp()).ignoringFields("at").then(new Stamped("deposit-1", null));
    }

    @Test
    void fails_a_scenario_whose_decider_asks_for_more_ids_than_it_set() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids))
                .withIds(List.of());

        assertThatThrownBy(() -> stamping.when(new Stamp()).then(new Stamped("a", Instant.EPOCH)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("the decider asked for id 1, but the scenario sets only 0: []");
    }

    @Test
    void keeps_the_ids_when_the_time_moves() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids))
                .withIds(n -> "x" + n).at(Instant.EPOCH);

        stamping.when(new Stamp()).then(new Stamped("x1", Instant.EPOCH));
    }

    @Test
    void ignores_named_fields_of_events() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids));

        stamping.when(new Stamp()).ignoringFields("id", "at").then(new Stamped("whatever", Instant.EPOCH));
    }

    @Test
    void still_compares_fields_that_are_not_ignored() {
        var stamping = DeciderFixture.<Command, Event, Counter>of((clock, ids) -> new Counter.Rules(clock, ids));

        assertThatThrownBy(() -> stamping.when(new Stamp()).ignoringFields("at").then(new Stamped("id-2", null)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("id   expected \"id-2\"   actual \"id-1\"");
    }

    @Test
    void passes_an_idempotency_check_when_deciding_again_produces_nothing() {
        fx.given(new Added(1)).when(new SetTo(4)).idempotent().then(new WasSet(4));
    }

    @Test
    void fails_an_idempotency_check_when_deciding_again_produces_events() {
        assertThatThrownBy(() -> fx.given(new Added(1)).when(new Add(2)).idempotent().then(new Added(2)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("not idempotent: deciding the command again on the new state Counter[value=3]"
                        + " returned 1 more:\n  1. Added[n=2]");
    }

    @Test
    void fails_an_idempotency_check_when_deciding_again_is_rejected() {
        assertThatThrownBy(() -> fx.given(new Added(1)).when(new Add(5)).idempotent().then(new Added(5)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("not idempotent")
                .hasMessageContaining("counter: limit is 10");
    }
}

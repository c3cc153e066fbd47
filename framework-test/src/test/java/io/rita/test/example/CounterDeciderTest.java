package io.rita.test.example;

import io.rita.test.DeciderFixture;
import io.rita.test.example.CounterCommand.Add;
import io.rita.test.example.CounterCommand.Reset;
import io.rita.test.example.CounterEvent.Added;
import io.rita.test.example.CounterEvent.WasReset;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decider fixture used on a small counter domain. */
class CounterDeciderTest {

    private static final Instant NOW = DeciderFixture.DEFAULT_TIME;   // 2022-05-30T13:41:53Z

    private final DeciderFixture<CounterCommand, CounterEvent, Counter> counter =
            DeciderFixture.of(CounterDecider::new);

    @Test
    void adds_within_the_limit() {
        counter.given(new Added(4, NOW)).when(new Add(3)).then(new Added(3, NOW));
    }

    @Test
    void adds_up_to_exactly_the_limit() {
        counter.given(new Added(4, NOW)).when(new Add(6)).thenState(new Counter(10));
    }

    @Test
    void rejects_an_addition_over_the_limit() {
        counter.given(new Added(4, NOW), new Added(4, NOW)).when(new Add(3)).thenRejected("counter: limit is 10");
    }

    @Test
    void rejects_a_non_positive_amount() {
        counter.when(new Add(0)).thenRejected("amount must be positive");
    }

    @Test
    void stamps_events_with_the_scenarios_time() {
        Instant later = Instant.parse("2022-05-30T14:00:00Z");

        counter.at(later).given(new Added(2, NOW)).when(new Reset()).then(new WasReset(later));
    }

    @Test
    void resets_once_however_often_it_is_asked() {
        counter.given(new Added(2, NOW)).when(new Reset()).idempotent().ignoringFields("at").then(new WasReset(null));
    }

    @Test
    void resetting_a_counter_at_zero_changes_nothing() {
        counter.givenState(new Counter(0)).when(new Reset()).thenNothing();
    }

    @Test
    void hands_back_events_and_state_for_more_assertions() {
        var outcome = counter.given(new Added(2, NOW)).when(new Add(5)).then(new Added(5, NOW));

        assertThat(outcome.state().value()).isEqualTo(7);
        assertThat(outcome.events()).hasOnlyElementsOfType(Added.class);
    }

    @Test
    void names_the_differing_field_when_the_events_differ() {
        assertThatThrownBy(() -> counter.given(new Added(4, NOW)).when(new Add(3)).then(new Added(4, NOW)))
                .hasMessage("""
                        Scenario: at 2022-05-30T13:41:53Z given [Added[amount=4, at=2022-05-30T13:41:53Z]] \
                        when Add[amount=3]
                        event 1 of 1: Added
                          amount   expected 4   actual 3""");
    }
}

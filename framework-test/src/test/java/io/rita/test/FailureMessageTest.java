package io.rita.test;

import io.rita.decider.Decider;
import io.rita.test.Counter.Add;
import io.rita.test.Counter.Added;
import io.rita.test.Counter.Command;
import io.rita.test.Counter.Event;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FailureMessageTest {

    record Withdraw(BigDecimal amount, String description) {
    }

    record Withdrawn(BigDecimal amount, String description, Details details) {
    }

    record Details(int count, List<String> tags) {
    }

    record Deposited(BigDecimal amount) {
    }

    private final DeciderFixture<Withdraw, Object, BigDecimal> wallet = DeciderFixture.of(Decider.of(
            BigDecimal.ZERO,
            (balance, withdraw) -> List.of(new Withdrawn(withdraw.amount(), withdraw.description(),
                    new Details(1, List.of("cards")))),
            (balance, event) -> switch (event) {
                case Deposited d -> balance.add(d.amount());
                case Withdrawn w -> balance.subtract(w.amount());
                default -> balance;
            }));

    private final DeciderFixture<Command, Event, Counter> counter = DeciderFixture.of(new Counter.Rules());

    @Test
    void shows_the_scenario_and_the_differing_field_side_by_side() {
        AssertionFailedError failure = catchThrowableOfType(AssertionFailedError.class, () -> wallet
                .given(new Deposited(new BigDecimal("20")))
                .when(new Withdraw(new BigDecimal("7.50"), "baseball cards"))
                .then(new Withdrawn(new BigDecimal("7.5"), "baseball cards", new Details(1, List.of("cards")))));

        assertThat(failure).hasMessage("""
                Scenario: at 2022-05-30T13:41:53Z given [Deposited[amount=20]] \
                when Withdraw[amount=7.50, description=baseball cards]
                event 1 of 1: Withdrawn
                  amount   expected 7.5   actual 7.50""");
    }

    @Test
    void names_nested_fields_by_path() {
        AssertionFailedError failure = catchThrowableOfType(AssertionFailedError.class, () -> wallet
                .when(new Withdraw(BigDecimal.ONE, ""))
                .then(new Withdrawn(BigDecimal.ONE, " ", new Details(2, List.of("cards", "gum")))));

        assertThat(failure.getMessage()).endsWith("""
                event 1 of 1: Withdrawn
                  description       expected " "     actual ""
                  details.count     expected 2       actual 1
                  details.tags[1]   expected "gum"   actual (none)""");
    }

    @Test
    void ignores_fields_by_path_or_by_name_at_any_depth() {
        wallet.when(new Withdraw(BigDecimal.ONE, "x"))
                .ignoringFields("details.count", "tags")
                .then(new Withdrawn(BigDecimal.ONE, "x", new Details(5, List.of())));
    }

    @Test
    void lists_missing_and_surplus_events() {
        AssertionFailedError failure = catchThrowableOfType(AssertionFailedError.class, () -> counter
                .when(new Add(2))
                .then(new Added(2), new Added(3)));

        assertThat(failure.getMessage()).endsWith("""
                expected 2 events, decide returned 1
                event 1 of 2: Added (as expected)
                event 2 of 2: missing, expected Added[n=3]""");
    }

    @Test
    void names_both_types_when_an_event_has_another_type() {
        AssertionFailedError failure = catchThrowableOfType(AssertionFailedError.class, () -> counter
                .when(new Add(2))
                .then(new Counter.WasSet(2)));

        assertThat(failure.getMessage()).endsWith("""
                event 1 of 1: expected WasSet, actual Added
                  expected WasSet[value=2]
                  actual   Added[n=2]""");
    }

    @Test
    void carries_expected_and_actual_events_for_an_ide_diff() {
        AssertionFailedError failure = catchThrowableOfType(AssertionFailedError.class, () -> counter
                .when(new Add(2))
                .then(new Added(3)));

        assertThat(failure.getExpected().getValue()).isEqualTo(List.of(new Added(3)));
        assertThat(failure.getActual().getValue()).isEqualTo(List.of(new Added(2)));
    }

    @Test
    void shows_a_given_state_in_the_scenario() {
        AssertionFailedError failure = catchThrowableOfType(AssertionFailedError.class, () -> counter
                .givenState(new Counter(3))
                .when(new Add(2))
                .thenState(new Counter(4)));

        assertThat(failure).hasMessage("""
                Scenario: at 2022-05-30T13:41:53Z given state Counter[value=3] when Add[n=2]
                state after the new events [Added[n=2]] differs:
                Counter
                  value   expected 4   actual 5""");
    }
}

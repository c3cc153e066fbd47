package io.rita.test;

import io.rita.decider.Decider;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks every scenario runs on the decider itself, whatever the {@code then}. */
class ContractCheckTest {

    record Basket(List<String> items) {
    }

    private static Basket copyWith(Basket basket, String item) {
        List<String> items = new ArrayList<>(basket.items());
        items.add(item);
        return new Basket(items);
    }

    @Test
    void catches_a_decide_that_changes_the_state_inside_a_record() {
        var fx = DeciderFixture.of(Decider.<String, String, Basket>of(new Basket(List.of()),
                (basket, item) -> {
                    basket.items().add("peeked");
                    return List.of(item);
                },
                ContractCheckTest::copyWith));

        assertThatThrownBy(() -> fx.given("apple").when("pear").then("pear"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("decide changed the state it was given:\n"
                        + "  before Basket[items=[apple]]\n  after  Basket[items=[apple, peeked]]");
    }

    @Test
    void catches_a_decide_that_changes_the_state_before_it_rejects() {
        var fx = DeciderFixture.of(Decider.<String, String, Basket>of(new Basket(List.of()),
                (basket, item) -> {
                    basket.items().clear();
                    throw new io.rita.decider.Rejection("no");
                },
                ContractCheckTest::copyWith));

        assertThatThrownBy(() -> fx.given("apple").when("pear").thenRejected())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("decide (before it threw Rejection) changed the state it was given");
    }

    @Test
    void catches_an_evolve_that_changes_the_state_it_is_given() {
        var fx = DeciderFixture.of(Decider.<String, String, Basket>of(new Basket(List.of()),
                (basket, item) -> List.of(item),
                (basket, item) -> {
                    basket.items().add(item);
                    return basket;
                }));

        assertThatThrownBy(() -> fx.givenState(new Basket(new ArrayList<>())).when("pear").then("pear"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("evolve changed the state it was given");
    }

    @Test
    void catches_an_evolve_that_changes_the_initial_state() {
        var fx = DeciderFixture.of(Decider.<String, String, Basket>of(new Basket(new ArrayList<>()),
                (basket, item) -> List.of(item),
                (basket, item) -> {
                    basket.items().add(item);
                    return basket;
                }));

        assertThatThrownBy(() -> fx.given("apple").when("pear").then("pear"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("evolve changed the initial state it was given");
    }

    @Test
    void catches_an_evolve_whose_result_depends_on_more_than_its_inputs() {
        AtomicInteger calls = new AtomicInteger();
        var fx = DeciderFixture.of(Decider.<String, String, Integer>of(0,
                (count, item) -> List.of(item),
                (count, item) -> calls.incrementAndGet()));

        assertThatThrownBy(() -> fx.given("apple").when("pear").then("pear"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("folding given + new events from the initial state gave\n  4\n"
                        + "but evolving step by step gave\n  2");
    }

    @Test
    void compares_arrays_in_states_by_content() {
        record Bytes(byte[] data) {
        }
        var fx = DeciderFixture.of(Decider.<String, String, Bytes>of(new Bytes(new byte[0]),
                (bytes, item) -> List.of(item),
                (bytes, item) -> new Bytes(item.getBytes())));

        fx.given("apple").when("pear").thenState(new Bytes("pear".getBytes()));
        assertThatThrownBy(() -> fx.given("apple").when("pear").thenState(new Bytes("peach".getBytes())))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void refuses_a_decide_that_returns_null() {
        var fx = DeciderFixture.of(Decider.<String, String, Integer>of(0,
                (count, item) -> null,
                (count, item) -> count + 1));

        assertThatThrownBy(() -> fx.when("pear").thenNothing())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("decide returned null; return List.of() to accept a command without events");
    }

    @Test
    void names_the_given_event_that_evolve_cannot_apply() {
        var fx = DeciderFixture.of(Decider.<String, String, Integer>of(0,
                (count, item) -> List.of(item),
                (count, item) -> {
                    if (item.equals("rotten")) {
                        throw new IllegalStateException("cannot apply rotten");
                    }
                    return count + 1;
                }));

        assertThatThrownBy(() -> fx.given("apple", "rotten").when("pear").then("pear"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("evolve threw on given event 2 of 2 (rotten)")
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}

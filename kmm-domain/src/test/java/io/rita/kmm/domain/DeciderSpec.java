package io.rita.kmm.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A given/when/then harness for deciders, shaped like the framework-test kit's DeciderFixture
 * (which had not landed when these tests were written), so that switching to it is a rename.
 * Plain JUnit 5 + AssertJ underneath.
 */
final class DeciderSpec<C, E, S> {

    private final Function<Clock, Decider<C, E, S>> factory;
    private Instant now = Instant.parse("2022-05-30T13:40:00Z");
    private final List<E> given = new ArrayList<>();
    private S givenState;
    private List<E> produced;
    private Rejection rejection;
    private Decider<C, E, S> decider;

    private DeciderSpec(Function<Clock, Decider<C, E, S>> factory) {
        this.factory = factory;
    }

    static <C, E, S> DeciderSpec<C, E, S> of(Function<Clock, Decider<C, E, S>> factory) {
        return new DeciderSpec<>(factory);
    }

    /** The instant the decider's clock shows when the command is decided. */
    DeciderSpec<C, E, S> at(Instant instant) {
        this.now = instant;
        return this;
    }

    DeciderSpec<C, E, S> at(ZonedDateTime time) {
        return at(time.toInstant());
    }

    @SafeVarargs
    final DeciderSpec<C, E, S> given(E... events) {
        given.addAll(Arrays.asList(events));
        return this;
    }

    DeciderSpec<C, E, S> givenState(S state) {
        this.givenState = state;
        return this;
    }

    DeciderSpec<C, E, S> when(C command) {
        decider = factory.apply(Clock.fixed(now, ZoneOffset.UTC));
        S state = stateBefore();
        try {
            produced = decider.decide(state, command);
        } catch (Rejection e) {
            rejection = e;
        }
        return this;
    }

    @SafeVarargs
    final DeciderSpec<C, E, S> then(E... expected) {
        assertAccepted();
        assertThat(produced).containsExactly(expected);
        return this;
    }

    DeciderSpec<C, E, S> thenNothing() {
        assertAccepted();
        assertThat(produced).isEmpty();
        return this;
    }

    /** Asserts the state after the given events and the produced ones. */
    DeciderSpec<C, E, S> thenState(Consumer<S> check) {
        assertAccepted();
        check.accept(decider.fold(stateBefore(), produced));
        return this;
    }

    /** Asserts a rejection with exactly this message. */
    DeciderSpec<C, E, S> thenRejected(String message) {
        assertThat(rejection).as("rejection (events produced: %s)", produced).isNotNull();
        assertThat(rejection.getMessage()).isEqualTo(message);
        return this;
    }

    private S stateBefore() {
        S start = givenState != null ? givenState : decider.initialState();
        return decider.fold(start, given);
    }

    private void assertAccepted() {
        assertThat(rejection).as("rejection").isNull();
        assertThat(produced).as("produced events (was `when` called?)").isNotNull();
    }
}

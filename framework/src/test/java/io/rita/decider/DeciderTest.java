package io.rita.decider;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Decider#of}: a decider from three functions, refused at once without one. */
class DeciderTest {

    private final Decider<Integer, Integer, Integer> adding = Decider.of(0,
            (sum, n) -> List.of(n), (sum, n) -> sum + n);

    @Test
    void decides_and_folds_with_the_functions_it_was_given() {
        assertThat(adding.initialState()).isZero();
        assertThat(adding.decide(5, 3)).containsExactly(3);
        assertThat(adding.evolve(5, 3)).isEqualTo(8);
        assertThat(adding.fold(adding.initialState(), List.of(1, 2, 3))).isEqualTo(6);
    }

    @Test
    void refuses_a_missing_function_where_it_is_built_not_at_the_first_command() {
        assertThatThrownBy(() -> Decider.<Integer, Integer, Integer>of(0, null, (sum, n) -> sum + n))
                .isInstanceOf(NullPointerException.class).hasMessage("decide");
        assertThatThrownBy(() -> Decider.<Integer, Integer, Integer>of(0, (sum, n) -> List.of(n), null))
                .isInstanceOf(NullPointerException.class).hasMessage("evolve");
    }
}

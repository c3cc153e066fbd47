package io.rita.aggregate;

import io.rita.decider.Decider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The event and state types an engine checks loaded events against and decodes snapshots into. */
class EventTypesTest {

    /** Declares its types through a generic base class, with generic event and state types. */
    abstract static class Base implements Decider<String, List<String>, Map<String, Integer>> {
        @Override
        public Map<String, Integer> initialState() {
            return Map.of();
        }

        @Override
        public List<List<String>> decide(Map<String, Integer> state, String command) {
            return List.of(List.of(command));
        }

        @Override
        public Map<String, Integer> evolve(Map<String, Integer> state, List<String> event) {
            return state;
        }
    }

    static final class Concrete extends Base {
    }

    @Test
    void finds_the_declared_types_on_a_superclass_as_their_raw_classes() {
        assertThat(EventTypes.of(new Concrete())).isEqualTo(List.class);
        assertThat(EventTypes.stateOf(new Concrete())).isEqualTo(Map.class);
    }

    @Test
    void a_decider_that_declares_no_types_has_object_for_both() {
        Decider<String, String, Integer> lambdas = Decider.of(0, (state, command) -> List.of(command),
                (state, event) -> state + 1);

        assertThat(EventTypes.of(lambdas)).isEqualTo(Object.class);
        assertThat(EventTypes.stateOf(lambdas)).isEqualTo(Object.class);
    }
}

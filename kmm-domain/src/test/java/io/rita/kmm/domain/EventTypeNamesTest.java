package io.rita.kmm.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.rita.types.TypeRegistry;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The event type names of the spec, as the service registers them: by scanning the package. */
class EventTypeNamesTest {

    private static final TypeRegistry TYPES = TypeRegistry.scan("io.rita.kmm.domain");

    @Test
    void scanning_the_package_finds_the_four_events_under_their_spec_names() {
        Map<String, Class<?>> registered = TYPES.names().stream()
                .collect(Collectors.toMap(Function.identity(), name -> TYPES.typeOf(name).orElseThrow()));

        assertThat(registered).containsExactlyInAnyOrderEntriesOf(Map.of(
                "funds-deposited", FundsDeposited.class,
                "funds-withdrawn", FundsWithdrawn.class,
                "budget-set", BudgetSet.class,
                "budget-removed", BudgetRemoved.class));
    }

    @Test
    void every_account_event_is_registered() {
        // an event added to the sealed interface without @EventType could be decided but not stored
        assertThat(Arrays.stream(AccountEvent.class.getPermittedSubclasses()).map(TYPES::nameOf))
                .allSatisfy(name -> assertThat(name).isPresent());
    }
}

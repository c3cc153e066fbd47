package io.rita.kmm.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.rita.types.EventType;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventTypeNamesTest {

    @Test
    void every_event_carries_its_spec_type_name() {
        Map<String, Class<?>> named = Arrays.stream(AccountEvent.class.getPermittedSubclasses())
                .collect(Collectors.toMap(type -> type.getAnnotation(EventType.class).value(), type -> type));

        assertThat(named).containsExactlyInAnyOrderEntriesOf(Map.of(
                "funds-deposited", FundsDeposited.class,
                "funds-withdrawn", FundsWithdrawn.class,
                "budget-set", BudgetSet.class,
                "budget-removed", BudgetRemoved.class));
    }
}

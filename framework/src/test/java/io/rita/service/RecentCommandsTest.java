package io.rita.service;

import io.rita.eventstore.Event;
import io.rita.service.internal.RecentCommands;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecentCommandsTest {

    private static Event loaded(String commandId, long sequence, Object data) {
        return Event.of(data).withMeta(ServiceHeaders.CAUSATION_META, commandId).at("s.1", sequence);
    }

    @Test
    void groups_the_events_of_one_command_by_their_causation_id() {
        RecentCommands recent = new RecentCommands(10);

        recent.record(loaded("c1", 4, "a"));
        recent.record(loaded("c1", 4, "b"));

        assertThat(recent.find("c1")).isEqualTo(new RecentCommands.Recorded(4, List.of("a", "b")));
    }

    @Test
    void forgets_the_oldest_commands_beyond_its_limit() {
        RecentCommands recent = new RecentCommands(2);

        recent.record(loaded("c1", 1, "a"));
        recent.record(loaded("c2", 2, "b"));
        recent.record("c3", 3, List.of("c"));

        assertThat(recent.find("c1")).isNull();
        assertThat(recent.find("c2")).isNotNull();
        assertThat(recent.find("c3")).isNotNull();
    }

    @Test
    void ignores_events_without_causation_id() {
        RecentCommands recent = new RecentCommands(2);

        recent.record(Event.of("x").at("s.1", 1));

        assertThat(recent.size()).isZero();
    }
}

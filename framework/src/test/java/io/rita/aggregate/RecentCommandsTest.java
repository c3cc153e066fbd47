package io.rita.aggregate;

import io.rita.eventstore.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecentCommandsTest {

    private static StoredEvent loaded(String commandId, long sequence, String data) {
        return new StoredEvent("id", null, "t", data, Map.of(CommandOptions.CAUSATION_ID, commandId), "s.1", sequence);
    }

    private static void record(RecentCommands<String> recent, StoredEvent event) {
        recent.record(event, (String) event.data());
    }

    @Test
    void groups_the_events_of_one_command_by_their_causation_id() {
        RecentCommands<String> recent = new RecentCommands<>(10);

        record(recent, loaded("c1", 4, "a"));
        record(recent, loaded("c1", 4, "b"));

        assertThat(recent.find("c1")).isEqualTo(new RecentCommands.Recorded<>(4, List.of("a", "b")));
    }

    @Test
    void keeps_commands_that_shared_one_append_apart() {
        RecentCommands<String> recent = new RecentCommands<>(10);

        record(recent, loaded("c1", 4, "a"));
        record(recent, loaded("c2", 4, "b"));

        assertThat(recent.find("c1")).isEqualTo(new RecentCommands.Recorded<>(4, List.of("a")));
        assertThat(recent.find("c2")).isEqualTo(new RecentCommands.Recorded<>(4, List.of("b")));
    }

    @Test
    void forgets_the_oldest_commands_beyond_its_limit() {
        RecentCommands<String> recent = new RecentCommands<>(2);

        record(recent, loaded("c1", 1, "a"));
        record(recent, loaded("c2", 2, "b"));
        recent.record("c3", 3, List.of("c"));

        assertThat(recent.find("c1")).isNull();
        assertThat(recent.find("c2")).isNotNull();
        assertThat(recent.find("c3")).isNotNull();
    }

    @Test
    void ignores_events_without_causation_id_and_remembers_nothing_with_limit_zero() {
        RecentCommands<String> recent = new RecentCommands<>(2);
        record(recent, new StoredEvent("id", null, "t", "x", Map.of(), "s.1", 1));
        RecentCommands<String> none = new RecentCommands<>(0);
        record(none, loaded("c1", 1, "a"));
        none.record("c2", 2, List.of("b"));

        assertThat(recent.find("id")).isNull();
        assertThat(none.find("c1")).isNull();
        assertThat(none.find("c2")).isNull();
    }

    @Test
    void a_copy_up_to_a_sequence_leaves_out_later_commands_and_is_not_changed_by_what_follows() {
        RecentCommands<String> recent = new RecentCommands<>(10);
        record(recent, loaded("c1", 4, "a"));
        recent.record("c2", 5, List.of("b"));
        recent.record("c3", 6, List.of("c")); // stored after the entry being snapshotted

        List<Map.Entry<String, RecentCommands.Recorded<String>>> copy = recent.copy(5);
        record(recent, loaded("c1", 4, "d"));

        assertThat(copy).containsExactly(Map.entry("c1", new RecentCommands.Recorded<>(4, List.of("a"))),
                Map.entry("c2", new RecentCommands.Recorded<>(5, List.of("b"))));
    }
}

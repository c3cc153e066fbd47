package io.rita.aggregate;

import io.rita.eventstore.Expected;
import io.rita.eventstore.Snapshot;
import io.rita.eventstore.SnapshotStore;
import io.rita.types.Codec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's options refuse what cannot work, at the edge of what can, and each {@code with...} changes one thing. */
class EngineOptionsTest {

    private static final SnapshotStore NOWHERE = new SnapshotStore() {
        @Override
        public Optional<Snapshot> read(String subject) {
            return Optional.empty();
        }

        @Override
        public void write(Snapshot snapshot) {
        }
    };

    @Test
    void the_defaults_are_the_documented_ones() {
        EngineOptions defaults = EngineOptions.defaults();

        assertThat(defaults.maxAttempts()).isEqualTo(10);
        assertThat(defaults.backoffMin()).isEqualTo(Duration.ofMillis(1));
        assertThat(defaults.backoffMax()).isEqualTo(Duration.ofMillis(50));
        assertThat(defaults.cacheSize()).isEqualTo(10_000);
        assertThat(defaults.recentCommands()).isEqualTo(100);
        assertThat(defaults.maxGroupSize()).isEqualTo(64);
        assertThat(defaults.snapshots()).isSameAs(Snapshots.none());
        assertThat(defaults.catchUpTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void each_with_changes_only_its_own_setting() {
        Consumer<CommandReport> observer = report -> { };
        Snapshots snapshots = Snapshots.in(NOWHERE);
        EngineOptions options = EngineOptions.defaults().withMaxAttempts(3)
                .withBackoff(Duration.ofMillis(2), Duration.ofMillis(9)).withCacheSize(7).withRecentCommands(5)
                .withMaxGroupSize(4).withObserver(observer).withSnapshots(snapshots)
                .withCatchUpTimeout(Duration.ofMillis(300));

        assertThat(options).isEqualTo(new EngineOptions(3, Duration.ofMillis(2), Duration.ofMillis(9), 7, 5, 4,
                observer, snapshots, Duration.ofMillis(300)));
    }

    @Test
    void refuses_settings_that_cannot_work_and_takes_the_smallest_that_can() {
        EngineOptions defaults = EngineOptions.defaults();

        assertThatThrownBy(() -> defaults.withMaxAttempts(0)).hasMessage("maxAttempts must be >= 1, was 0");
        assertThat(defaults.withMaxAttempts(1).maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> defaults.withBackoff(Duration.ofMillis(-1), Duration.ofMillis(5)))
                .hasMessageContaining("0 <= min <= max");
        assertThatThrownBy(() -> defaults.withBackoff(Duration.ofMillis(5), Duration.ofMillis(4)))
                .hasMessageContaining("0 <= min <= max");
        assertThat(defaults.withBackoff(Duration.ZERO, Duration.ZERO).backoffMax()).isZero();
        assertThatThrownBy(() -> defaults.withCacheSize(-1)).hasMessageContaining("must be >= 0");
        assertThatThrownBy(() -> defaults.withRecentCommands(-1)).hasMessageContaining("must be >= 0");
        assertThat(defaults.withCacheSize(0).withRecentCommands(0).cacheSize()).isZero();
        assertThatThrownBy(() -> defaults.withMaxGroupSize(0)).hasMessage("maxGroupSize must be >= 1, was 0");
        assertThat(defaults.withMaxGroupSize(1).maxGroupSize()).isEqualTo(1);
        assertThatThrownBy(() -> defaults.withCatchUpTimeout(Duration.ofMillis(-1)))
                .hasMessageContaining("catchUpTimeout must be >= 0");
        assertThat(defaults.withCatchUpTimeout(Duration.ZERO).catchUpTimeout()).isZero();
        assertThatThrownBy(() -> defaults.withSnapshots(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> defaults.withObserver(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void snapshots_are_off_by_default_and_refuse_a_count_below_one_or_a_negative_slow_load() {
        assertThat(Snapshots.none().enabled()).isFalse();
        Snapshots in = Snapshots.in(NOWHERE);
        assertThat(in.enabled()).isTrue();
        assertThat(in).isEqualTo(new Snapshots(NOWHERE, 1, 100, Duration.ofMillis(20), null, null, true));

        assertThatThrownBy(() -> in.withEvery(0)).hasMessage("every must be >= 1 event, was 0");
        assertThat(in.withEvery(1).every()).isEqualTo(1);
        assertThatThrownBy(() -> in.withSlowLoad(Duration.ofNanos(-1))).hasMessageContaining("must not be negative");
        assertThat(in.withSlowLoad(Duration.ZERO).slowLoad()).isZero();
        assertThatThrownBy(() -> Snapshots.in(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void each_snapshot_setting_changes_only_itself() {
        Codec codec = Codec.binary();
        Snapshots options = Snapshots.in(NOWHERE).withVersion(3).withEvery(7).withSlowLoad(Duration.ofMillis(9))
                .withCodec(codec).withStateType(String.class);

        assertThat(options).isEqualTo(new Snapshots(NOWHERE, 3, 7, Duration.ofMillis(9), codec, String.class, true));
        assertThat(options.withoutEvictionSnapshots()).isEqualTo(new Snapshots(NOWHERE, 3, 7, Duration.ofMillis(9),
                codec, String.class, false));
        assertThat(options.withoutEvictionSnapshots().withVersion(4).atEviction()).isFalse();
    }

    @Test
    void a_command_id_is_1_to_128_visible_ascii_characters() {
        CommandOptions defaults = CommandOptions.defaults();
        String longest = "x".repeat(CommandOptions.MAX_ID_LENGTH);

        assertThat(defaults.withCommandId(longest).commandId()).isEqualTo(longest);
        assertThat(defaults.withCommandId("!~").commandId()).isEqualTo("!~");
        assertThatThrownBy(() -> defaults.withCommandId(longest + "x"))
                .hasMessage("command id must be 1 to 128 visible ASCII characters (letters, digits, punctuation;"
                        + " no spaces), was '" + "x".repeat(40) + "...'");
        assertThatThrownBy(() -> defaults.withCommandId("")).hasMessageEndingWith("was ''");
        assertThatThrownBy(() -> defaults.withCommandId("a b")).hasMessageEndingWith("was 'a b'");
        assertThatThrownBy(() -> defaults.withCommandId("a\u007f")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withCorrelationId("é")).hasMessageStartingWith("correlation id must be");
        String forty = "x".repeat(39) + " ";   // shown whole up to 40 characters, cut after
        assertThatThrownBy(() -> defaults.withCommandId(forty)).hasMessageEndingWith("was '" + forty + "'");
    }

    @Test
    void command_options_keep_each_setting_and_refuse_meta_that_would_overwrite_the_ids() {
        CommandOptions options = CommandOptions.defaults().withCommandId("c-1").withCorrelationId("flow")
                .withExpected(Expected.sequence(4)).withMeta("k", "v").withOrigin("deposit");

        assertThat(options).isEqualTo(new CommandOptions("c-1", "flow", Expected.sequence(4),
                java.util.Map.of("k", "v"), "deposit"));
        assertThat(CommandOptions.defaults().expected()).isEqualTo(Expected.any());
        assertThat(CommandOptions.defaults().meta()).isEmpty();
        assertThatThrownBy(() -> CommandOptions.defaults().withMeta(CommandOptions.CAUSATION_ID, "x"))
                .hasMessageContaining("give them as the command id and correlation id");
        assertThatThrownBy(() -> CommandOptions.defaults().withMeta(CommandOptions.CORRELATION_ID, "x"))
                .hasMessageContaining("give them as the command id and correlation id");
        assertThatThrownBy(() -> CommandOptions.defaults().withExpected(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void refuses_metadata_a_store_would_refuse_where_it_is_given_not_at_the_append_of_a_whole_group() {
        assertThatThrownBy(() -> CommandOptions.defaults().withMeta("trace.id", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meta key 'trace.id' must be letters, digits, '_' or '-'");
        assertThatThrownBy(() -> CommandOptions.defaults().withMeta("place", "Zürich"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meta value for 'place' must be printable ASCII without leading or trailing spaces,"
                        + " was 'Zürich'");
        assertThatThrownBy(() -> CommandOptions.defaults().withMeta("note", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("meta value for 'note'");
        assertThat(CommandOptions.defaults().withMeta("trace_id-2", "a b").meta()).containsEntry("trace_id-2", "a b");
    }
}

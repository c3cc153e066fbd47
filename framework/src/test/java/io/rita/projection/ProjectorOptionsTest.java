package io.rita.projection;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A projector's options refuse what cannot work, take the edge of what can, and each {@code with...} changes one thing. */
class ProjectorOptionsTest {

    @Test
    void the_defaults_are_the_documented_ones() {
        ProjectorOptions defaults = ProjectorOptions.defaults();

        assertThat(defaults).isEqualTo(new ProjectorOptions(Duration.ofSeconds(10), 3, Duration.ofMillis(100), 500,
                10_000, Duration.ofSeconds(30), 1, Clock.systemUTC()));
    }

    @Test
    void each_with_changes_only_its_own_setting() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:15:30Z"), ZoneOffset.UTC);
        ProjectorOptions options = ProjectorOptions.defaults().withLeaseTime(Duration.ofSeconds(4)).withMaxAttempts(7)
                .withBackoff(Duration.ofMillis(9)).withBatchSize(11).withCacheSize(13)
                .withAckWait(Duration.ofSeconds(17)).withReplicas(3).withClock(clock);

        assertThat(options).isEqualTo(new ProjectorOptions(Duration.ofSeconds(4), 7, Duration.ofMillis(9), 11, 13,
                Duration.ofSeconds(17), 3, clock));
    }

    @Test
    void refuses_settings_that_cannot_work_and_takes_the_edge_of_those_that_can() {
        ProjectorOptions defaults = ProjectorOptions.defaults();

        assertThatThrownBy(() -> defaults.withLeaseTime(Duration.ofMillis(299)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("leaseTime must be at least 300 ms, was PT0.299S");
        assertThatThrownBy(() -> defaults.withLeaseTime(null)).hasMessage("leaseTime must be at least 300 ms, was null");
        assertThat(defaults.withLeaseTime(Duration.ofMillis(300)).leaseTime()).isEqualTo(Duration.ofMillis(300));

        assertThatThrownBy(() -> defaults.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be >= 1, was 0");
        assertThat(defaults.withMaxAttempts(1).maxAttempts()).isEqualTo(1);

        assertThatThrownBy(() -> defaults.withBackoff(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backoff must be >= 0, was PT-0.000000001S");
        assertThatThrownBy(() -> defaults.withBackoff(null)).hasMessage("backoff must be >= 0, was null");
        assertThat(defaults.withBackoff(Duration.ZERO).backoff()).isZero();

        assertThatThrownBy(() -> defaults.withBatchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be between 1 and 10,000, was 0");
        assertThatThrownBy(() -> defaults.withBatchSize(10_001))
                .hasMessage("batchSize must be between 1 and 10,000, was 10001");
        assertThat(defaults.withBatchSize(1).batchSize()).isEqualTo(1);
        assertThat(defaults.withBatchSize(10_000).batchSize()).isEqualTo(10_000);

        assertThatThrownBy(() -> defaults.withCacheSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cacheSize must be >= 0, was -1");
        assertThat(defaults.withCacheSize(0).cacheSize()).isZero();

        assertThatThrownBy(() -> defaults.withAckWait(Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ackWait must be at least 1 s, was PT0.999S");
        assertThatThrownBy(() -> defaults.withAckWait(null)).hasMessage("ackWait must be at least 1 s, was null");
        assertThat(defaults.withAckWait(Duration.ofSeconds(1)).ackWait()).isEqualTo(Duration.ofSeconds(1));

        assertThatThrownBy(() -> defaults.withReplicas(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replicas must be between 1 and 5, was 0");
        assertThatThrownBy(() -> defaults.withReplicas(6)).hasMessage("replicas must be between 1 and 5, was 6");
        assertThat(defaults.withReplicas(1).replicas()).isEqualTo(1);
        assertThat(defaults.withReplicas(5).replicas()).isEqualTo(5);

        assertThatThrownBy(() -> defaults.withClock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
    }
}

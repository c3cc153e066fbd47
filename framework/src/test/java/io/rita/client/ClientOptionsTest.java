package io.rita.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientOptionsTest {

    private static final ClientOptions DEFAULTS = ClientOptions.defaults();

    @Test
    void has_the_documented_defaults() {
        assertThat(DEFAULTS.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(DEFAULTS.resends()).isEqualTo(1);
        assertThat(DEFAULTS.streamBuffer()).isEqualTo(65_536);
        assertThat(DEFAULTS.streamHeartbeat()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refuses_what_cannot_work_saying_what_it_takes() {
        assertThatThrownBy(() -> DEFAULTS.withTimeout(Duration.ZERO)).hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> DEFAULTS.withTimeout(null)).hasMessage("timeout must be positive, was null");
        assertThatThrownBy(() -> DEFAULTS.withResends(-1)).hasMessage("resends must be >= 0, was -1");
        assertThatThrownBy(() -> DEFAULTS.withStreamBuffer(0)).hasMessage("streamBuffer must be >= 1 message, was 0");
        for (Duration heartbeat : new Duration[] {Duration.ofMillis(99), Duration.ofMillis(60_001), Duration.ofMillis(-1),
                null}) {
            assertThatThrownBy(() -> DEFAULTS.withStreamHeartbeat(heartbeat)).as("%s", heartbeat)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("streamHeartbeat must be zero (none) or 100 ms to 60 s, was " + heartbeat);
        }
    }

    @Test
    void takes_the_edges_and_no_heartbeat_at_all() {
        assertThat(DEFAULTS.withResends(0).resends()).isZero();
        assertThat(DEFAULTS.withStreamBuffer(1).streamBuffer()).isEqualTo(1);
        for (Duration heartbeat : new Duration[] {Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(60)}) {
            assertThat(DEFAULTS.withStreamHeartbeat(heartbeat).streamHeartbeat()).isEqualTo(heartbeat);
        }
    }
}

package io.rita.test;

import io.rita.test.Counter.Add;
import io.rita.test.Counter.Added;
import io.rita.test.Counter.Command;
import io.rita.test.Counter.Event;
import io.rita.types.Codec;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** For a decider that keeps snapshots, every scenario checks that its states survive the snapshot codec. */
class SnapshotCodecCheckTest {

    private final DeciderFixture<Command, Event, Counter> fx = DeciderFixture.of(new Counter.Rules());

    /** A codec that loses the counter's value past 5: what a careless hand-written codec does. */
    private static final Codec LOSSY = new Codec() {
        @Override
        public String name() {
            return "lossy";
        }

        @Override
        public byte[] encode(Object value) {
            return Integer.toString(Math.min(5, ((Counter) value).value())).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public <T> T decode(byte[] data, Class<T> type) {
            return type.cast(new Counter(Integer.parseInt(new String(data, StandardCharsets.UTF_8))));
        }
    };

    @Test
    void passes_when_the_given_and_the_new_state_survive_the_codec() {
        Outcome<Event, Counter> outcome = fx.withSnapshotCodec(Codec.json(), Counter.class)
                .given(new Added(2)).when(new Add(3)).then(new Added(3));

        assertThat(outcome.state()).isEqualTo(new Counter(5));
    }

    @Test
    void fails_when_the_new_state_differs_after_the_codec() {
        assertThatThrownBy(() -> fx.withSnapshotCodec(LOSSY, Counter.class)
                .given(new Added(4)).when(new Add(3)).then(new Added(3)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("the new state differs after an encode and decode with the snapshot codec lossy");
    }

    @Test
    void fails_when_the_given_state_differs_after_the_codec_also_for_a_rejected_command() {
        assertThatThrownBy(() -> fx.withSnapshotCodec(LOSSY, Counter.class)
                .given(new Added(9)).when(new Add(3)).thenRejected("limit"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("the given state differs");
    }

    @Test
    void fails_when_the_codec_cannot_decode_the_state() {
        record Other(String name) {
        }
        // the default mapper ignores unknown fields, so another record comes back without complaint
        assertThatThrownBy(() -> fx.withSnapshotCodec(Codec.json(), Other.class).when(new Add(1)).then(new Added(1)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected Counter, actual Other");
        assertThatThrownBy(() -> fx.withSnapshotCodec(Codec.binary(), Counter.class).when(new Add(1)).then(new Added(1)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("does not survive the snapshot codec binary");
    }

    @Test
    void checks_nothing_without_a_snapshot_codec() {
        assertThat(fx.given(new Added(9)).when(new Add(1)).then(new Added(1)).state()).isEqualTo(new Counter(10));
    }
}

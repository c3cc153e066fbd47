package io.rita.eventstore;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEncodingTest {

    private final EventEncoding encoding = new EventEncoding(RitaOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2022-05-30T13:41:53Z"), ZoneOffset.UTC))
            .withIds(() -> "generated"));

    private static Event event() {
        return Event.of("noted", new byte[0]);
    }

    @Test
    void fills_in_id_and_time_from_the_options() {
        EncodedEvent wire = encoding.encode("notes.1", List.of(event())).get(0);

        assertThat(wire.id()).isEqualTo("generated");
        assertThat(wire.time()).isEqualTo(OffsetDateTime.parse("2022-05-30T13:41:53Z"));
        assertThat(wire.codec()).isEqualTo("binary");
    }

    @Test
    void stamps_every_event_of_an_append_with_one_time() {
        Clock ticking = Clock.offset(Clock.systemUTC(), java.time.Duration.ZERO);
        EventEncoding live = new EventEncoding(RitaOptions.defaults().withClock(new Clock() {
            private long calls;
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return ticking.instant().plusSeconds(calls++); }
        }));

        List<EncodedEvent> encoded = live.encode("notes.1", List.of(event(), event(), event()));

        assertThat(encoded).extracting(EncodedEvent::time).containsOnly(encoded.get(0).time());
    }

    @Test
    void refuses_a_subject_that_is_not_concrete() {
        assertThatThrownBy(() -> encoding.encode("notes.*", List.of(event())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.*");
        assertThatThrownBy(() -> EventEncoding.checkLoad("notes..1", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes..1");
        assertThatThrownBy(() -> EventEncoding.checkLoad("notes.>", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("afterSequence");
    }

    @Test
    void refuses_what_could_not_travel_as_headers() {
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withId("has space"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withMeta("a.b", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meta key");
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withMeta("user", "Zoë"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withMeta("user", " padded"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withMeta("user", "two\nlines"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(Event.of("a..b", new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a..b");
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(Event.of("noted", "not bytes"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byte[]");
    }

    @Test
    void refuses_times_that_rfc3339_cannot_express() {
        OffsetDateTime odd = OffsetDateTime.of(2022, 5, 30, 13, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3));
        OffsetDateTime far = OffsetDateTime.of(12022, 5, 30, 13, 0, 0, 0, ZoneOffset.UTC);

        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withTime(odd)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withTime(far)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unpacks_a_stored_message_of_one_event_or_of_several() {
        MessagePacking.Packed one = MessagePacking.pack(encoding.encode("notes.1", List.of(event())));
        MessagePacking.Packed two = MessagePacking.pack(encoding.encode("notes.1", List.of(event(), event())));

        assertThat(EventEncoding.unpack(headersOf(one), one.data())).hasSize(1)
                .first().satisfies(e -> assertThat(e.type()).isEqualTo("noted"));
        assertThat(EventEncoding.unpack(headersOf(two), two.data())).hasSize(2);
    }

    @Test
    void refuses_a_message_that_is_not_a_rita_event() {
        assertThatThrownBy(() -> EventEncoding.unpack(java.util.Map.of("other", "x"), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message has no rita-type header, so it is not a Rita event");
    }

    private static java.util.Map<String, String> headersOf(MessagePacking.Packed packed) {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        packed.headers().forEach((name, values) -> headers.put(name, values.getFirst()));
        return headers;
    }
}

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
    void refuses_a_bad_generated_id_naming_the_generator_but_not_an_id_given_with_the_event() {
        for (String bad : new String[] {null, "", "two words", "caf\u00e9"}) {
            EventEncoding badIds = new EventEncoding(RitaOptions.defaults().withIds(() -> bad));

            assertThatThrownBy(() -> badIds.encode("notes.1", List.of(event()))).as("id %s", bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("id generator of RitaOptions").hasMessageContaining("fix the generator");
            assertThat(badIds.encode("notes.1", List.of(event().withId("mine"))).get(0).id()).isEqualTo("mine");
        }
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
    void takes_ids_meta_and_times_up_to_the_edges_of_what_travels() {
        String visible = "!~Az09_-";
        OffsetDateTime first = OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime last = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.ofHoursMinutes(-5, -30));

        List<EncodedEvent> encoded = encoding.encode("notes.1", List.of(
                event().withId(visible).withTime(first).withMeta("AZaz09_-", "").withMeta("k", "a b ~!"),
                event().withTime(last)));

        assertThat(encoded.get(0).id()).isEqualTo(visible);
        assertThat(encoded.get(0).time()).isEqualTo(first);
        assertThat(encoded.get(0).meta()).containsEntry("AZaz09_-", "").containsEntry("k", "a b ~!");
        assertThat(encoded.get(1).time()).isEqualTo(last);
        assertThat(encoded.get(1).id()).isEqualTo("generated");
    }

    @Test
    void refuses_each_character_just_outside_what_travels() {
        for (String key : List.of("@", "[", "`", "{", "/", ":", "")) {
            assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withMeta(key, "x"))))
                    .as("meta key '%s'", key).hasMessageContaining("meta key");
        }
        for (String value : List.of("\u007f", "\u001f", "x ")) {
            assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withMeta("k", value))))
                    .as("meta value '%s'", value).hasMessageContaining("meta value for 'k'");
        }
        for (String id : List.of("", "a\u007f", "\u0020")) {
            assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withId(id))))
                    .as("id '%s'", id).hasMessageContaining("event id must be printable ASCII");
        }
        OffsetDateTime beforeYearZero = OffsetDateTime.of(-1, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThatThrownBy(() -> encoding.encode("notes.1", List.of(event().withTime(beforeYearZero))))
                .hasMessageContaining("cannot be written as RFC 3339");
    }

    @Test
    void an_event_with_its_own_time_keeps_it_and_the_others_share_the_clocks() {
        OffsetDateTime own = OffsetDateTime.parse("2020-01-01T00:00:00+01:00");

        List<EncodedEvent> encoded = encoding.encode("notes.1", List.of(event(), event().withTime(own), event()));

        assertThat(encoded).extracting(EncodedEvent::time).containsExactly(
                OffsetDateTime.parse("2022-05-30T13:41:53Z"), own, OffsetDateTime.parse("2022-05-30T13:41:53Z"));
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

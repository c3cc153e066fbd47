package io.rita.eventstore;

import io.nats.client.impl.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagePackingTest {

    private static final OffsetDateTime TIME = OffsetDateTime.of(2022, 5, 19, 7, 18, 12, 707985190, ZoneOffset.ofHours(-4));

    private static EncodedEvent event(String id, String type) {
        return new EncodedEvent(id, TIME, type, "json", Map.of("k", "v"), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void formats_times_as_gos_rfc3339nano_trimming_trailing_zeros() {
        assertThat(MessagePacking.formatTime(TIME)).isEqualTo("2022-05-19T07:18:12.70798519-04:00");
        assertThat(MessagePacking.formatTime(TIME.withNano(0))).isEqualTo("2022-05-19T07:18:12-04:00");
        assertThat(MessagePacking.formatTime(TIME.withNano(500_000_000))).isEqualTo("2022-05-19T07:18:12.5-04:00");
        assertThat(MessagePacking.formatTime(TIME.withOffsetSameLocal(ZoneOffset.UTC).withSecond(0).withNano(0)))
                .isEqualTo("2022-05-19T07:18:00Z");
    }

    @Test
    void parses_the_times_go_writes() {
        assertThat(MessagePacking.parseTime("2022-05-30T13:41:53.123456789Z"))
                .isEqualTo(OffsetDateTime.of(2022, 5, 30, 13, 41, 53, 123456789, ZoneOffset.UTC));
        assertThat(MessagePacking.parseTime("2022-05-19T07:18:12.70798519-04:00")).isEqualTo(TIME);
        assertThat(MessagePacking.parseTime(null)).isNull();
        assertThatThrownBy(() -> MessagePacking.parseTime("yesterday"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("yesterday");
    }

    @Test
    void packs_one_event_into_ritas_headers_and_back() {
        MessagePacking.Packed packed = MessagePacking.pack(List.of(event("id-1", "order-placed")));

        assertThat(packed.headers().getFirst("Nats-Msg-Id")).isEqualTo("id-1");
        assertThat(packed.headers().getFirst("rita-type")).isEqualTo("order-placed");
        assertThat(packed.headers().getFirst("rita-codec")).isEqualTo("json");
        assertThat(packed.headers().getFirst("rita-meta-k")).isEqualTo("v");
        List<EncodedEvent> back = MessagePacking.unpack(packed.headers(), packed.data());
        assertThat(back).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("id-1");
            assertThat(e.time()).isEqualTo(TIME);
            assertThat(e.meta()).isEqualTo(Map.of("k", "v"));
            assertThat(e.data()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void packs_several_events_into_one_batch_that_keeps_each_events_fields() {
        MessagePacking.Packed packed = MessagePacking.pack(List.of(event("a", "one"), event("b", "two")));

        assertThat(packed.headers().getFirst("rita-batch")).isEqualTo("2");
        assertThat(packed.headers().getFirst("Nats-Msg-Id")).isEqualTo("a");
        assertThat(packed.headers().getFirst("rita-type")).isNull();
        assertThat(MessagePacking.unpack(packed.headers(), packed.data()))
                .extracting(EncodedEvent::id, EncodedEvent::type, EncodedEvent::time)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "one", TIME),
                        org.assertj.core.groups.Tuple.tuple("b", "two", TIME));
    }

    @Test
    void a_message_without_a_codec_header_is_binary_as_in_rita() {
        Headers headers = new Headers().put("rita-type", "x").put("Nats-Msg-Id", "1");

        assertThat(MessagePacking.unpack(headers, new byte[]{7}).get(0).codec()).isEqualTo("binary");
    }

    @Test
    void writes_the_version_header_only_above_version_1_so_that_version_1_is_what_go_rita_writes() {
        EncodedEvent first = event("v1", "noted");
        EncodedEvent second = new EncodedEvent("v2", TIME, "noted", 2, "json", Map.of(), new byte[] {'{', '}'});

        MessagePacking.Packed one = MessagePacking.pack(List.of(first));
        MessagePacking.Packed two = MessagePacking.pack(List.of(second));

        assertThat(one.headers().getFirst("rita-version")).isNull();
        assertThat(two.headers().getFirst("rita-version")).isEqualTo("2");
        assertThat(MessagePacking.unpack(one.headers(), one.data()).get(0).version()).isEqualTo(1);
        assertThat(MessagePacking.unpack(two.headers(), two.data()).get(0).version()).isEqualTo(2);
    }

    @Test
    void keeps_each_events_version_in_a_batch_leaving_out_version_1() {
        EncodedEvent second = new EncodedEvent("b", TIME, "two", 3, "json", Map.of(), new byte[] {'{', '}'});

        MessagePacking.Packed packed = MessagePacking.pack(List.of(event("a", "one"), second));

        String payload = new String(packed.data(), StandardCharsets.UTF_8);
        assertThat(payload).containsOnlyOnce("\"version\":3");
        assertThat(MessagePacking.unpack(packed.headers(), packed.data()))
                .extracting(EncodedEvent::version).containsExactly(1, 3);
    }

    @Test
    void refuses_a_version_header_that_is_not_a_version() {
        for (String bad : List.of("0", "-1", "two", "", "2.0")) {
            Headers headers = new Headers().put("rita-type", "x").put("rita-version", bad);
            assertThatThrownBy(() -> MessagePacking.unpack(headers, new byte[0]))
                    .as(bad).isInstanceOf(IllegalStateException.class).hasMessageContaining("rita-version");
        }
    }

    @Test
    void refuses_messages_that_are_not_rita_events() {
        assertThatThrownBy(() -> MessagePacking.unpack(null, new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MessagePacking.unpack(new Headers().put("other", "x"), new byte[0]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rita-type");
        assertThatThrownBy(() -> MessagePacking.unpack(new Headers().put("rita-batch", "2"), "[{".getBytes()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("batch payload");
    }
}

package io.rita.eventstore;

import io.rita.types.CodecException;
import io.rita.types.Encoded;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the store's encoding does with versions, old names and unknown types. */
class EventEncodingVersionsTest {

    record FundsDeposited(BigDecimal amount) {
    }

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2022-05-30T13:41:53Z");

    private static EventEncoding encoding(TypeRegistry types) {
        return new EventEncoding(RitaOptions.defaults().withTypes(types).withIds(() -> "id-1"));
    }

    private static TypeRegistry evolved() {
        return TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .alias("money-added", "funds-deposited")
                .upcast("funds-deposited", 1, json -> json.set("amount", json.remove("value")))
                .build();
    }

    private static EncodedEvent stored(String type, int version, String json) {
        return new EncodedEvent("id-1", TIME, type, version, "json", Map.of("k", "v"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appends_under_the_current_name_and_version() {
        EncodedEvent encoded = encoding(evolved()).encode("accounts.1",
                List.of(Event.of("money-added", new FundsDeposited(BigDecimal.ONE)))).get(0);

        assertThat(encoded.type()).isEqualTo("funds-deposited");
        assertThat(encoded.version()).isEqualTo(2);
    }

    @Test
    void loads_an_old_event_under_an_old_name_as_the_current_record_and_name() {
        StoredEvent loaded = encoding(evolved()).decode(stored("money-added", 1, "{\"value\":3}"), "accounts.1", 7);

        assertThat(loaded.type()).isEqualTo("funds-deposited");
        assertThat(loaded.data()).isEqualTo(new FundsDeposited(new BigDecimal("3")));
        assertThat(loaded.meta()).containsEntry("k", "v");
        assertThat(loaded.sequence()).isEqualTo(7);
    }

    @Test
    void names_type_version_subject_and_sequence_when_an_upcaster_throws() {
        EventEncoding encoding = encoding(TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .upcast("funds-deposited", 1, json -> {
                    throw new IllegalArgumentException("value is missing");
                })
                .build());

        EventDecodingException failure = catchThrowableOfType(EventDecodingException.class,
                () -> encoding.decode(stored("funds-deposited", 1, "{}"), "accounts.susie", 42));

        assertThat(failure.type()).isEqualTo("funds-deposited");
        assertThat(failure.version()).isEqualTo(1);
        assertThat(failure.unknownType()).isFalse();
        assertThat(failure.subject()).isEqualTo("accounts.susie");
        assertThat(failure.sequence()).isEqualTo(42);
        assertThat(failure).hasMessageStartingWith("cannot decode event of type 'funds-deposited' version 1 on"
                        + " accounts.susie at sequence 42: ")
                .hasMessageContaining("the upcaster from version 1 to 2 failed")
                .hasMessageContaining("value is missing")
                .hasCauseInstanceOf(CodecException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void names_the_stored_version_of_an_event_newer_than_this_program() {
        EventDecodingException failure = catchThrowableOfType(EventDecodingException.class,
                () -> encoding(evolved()).decode(stored("funds-deposited", 5, "{}"), "accounts.1", 3));

        assertThat(failure.version()).isEqualTo(5);
        assertThat(failure).hasMessageContaining("version 5").hasMessageContaining("newer than version 2");
    }

    @Test
    void fails_on_an_unknown_type_unless_asked_to_keep_it() {
        EventEncoding encoding = encoding(evolved());
        EncodedEvent mystery = new EncodedEvent("id-9", TIME, "mystery-event", 3, "binary", Map.of(), new byte[] {1, 2});

        assertThatThrownBy(() -> encoding.decode(mystery, "accounts.1", 9))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.unknownType()).isTrue();
                    assertThat(e.type()).isEqualTo("mystery-event");
                    assertThat(e.version()).isEqualTo(3);
                    assertThat(e.sequence()).isEqualTo(9);
                    assertThat(e.getCause()).isNull();
                });
        assertThatThrownBy(() -> encoding.decode(mystery, "accounts.1", 9, UnknownTypes.FAIL))
                .isInstanceOf(EventDecodingException.class);

        StoredEvent kept = encoding.decode(mystery, "accounts.1", 9, UnknownTypes.KEEP);

        assertThat(kept.type()).isEqualTo("mystery-event");
        assertThat(kept.id()).isEqualTo("id-9");
        assertThat(kept.sequence()).isEqualTo(9);
        assertThat(kept.data()).isInstanceOfSatisfying(Encoded.class, unknown -> {
            assertThat(unknown.type()).isEqualTo("mystery-event");
            assertThat(unknown.codec()).isEqualTo("binary");
            assertThat(unknown.version()).isEqualTo(3);
            assertThat(unknown.data()).containsExactly(1, 2);
        });
    }

    @Test
    void keeps_failing_on_data_that_does_not_decode_also_when_unknown_types_are_kept() {
        assertThatThrownBy(() -> encoding(evolved()).decode(stored("funds-deposited", 2, "{\"amount\":\"lots\"}"),
                "accounts.1", 4, UnknownTypes.KEEP))
                .isInstanceOf(EventDecodingException.class);
    }

    @Test
    void refuses_a_version_below_1() {
        assertThatThrownBy(() -> stored("funds-deposited", 0, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
    }
}

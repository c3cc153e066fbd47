package io.rita.types;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versions and upcasters: what a registry builds from them, and what it does with old events. */
class TypeRegistryUpcastTest {

    /** Version 3: version 1 had "value" for the amount and no currency; version 2 added "currency". */
    record FundsDeposited(BigDecimal amount, String currency) {
    }

    record Noted(String text) {
    }

    private static final UnaryOperator<ObjectNode> ADD_CURRENCY = json -> json.put("currency", "EUR");
    private static final UnaryOperator<ObjectNode> RENAME_VALUE = json -> json.set("amount", json.remove("value"));

    private static TypeRegistry.Builder evolved() {
        return TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .upcast("funds-deposited", 1, ADD_CURRENCY)
                .upcast("funds-deposited", 2, RENAME_VALUE);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void brings_a_version_1_event_up_through_every_step() {
        TypeRegistry types = evolved().build();

        assertThat(types.decode("funds-deposited", "json", 1, utf8("{\"value\":12.50}")))
                .contains(new FundsDeposited(new BigDecimal("12.50"), "EUR"));
    }

    @Test
    void brings_a_version_2_event_up_through_the_later_steps_only() {
        TypeRegistry types = evolved().build();

        assertThat(types.decode("funds-deposited", "json", 2, utf8("{\"value\":3,\"currency\":\"CHF\"}")))
                .contains(new FundsDeposited(new BigDecimal("3"), "CHF"));
    }

    @Test
    void decodes_a_current_event_without_calling_any_upcaster() {
        AtomicInteger calls = new AtomicInteger();
        TypeRegistry types = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .upcast("funds-deposited", 1, json -> {
                    calls.incrementAndGet();
                    return json;
                })
                .build();

        assertThat(types.decode("funds-deposited", "json", 2, utf8("{\"amount\":1,\"currency\":\"EUR\"}")))
                .contains(new FundsDeposited(BigDecimal.ONE, "EUR"));
        assertThat(calls).hasValue(0);
    }

    @Test
    void hands_a_current_event_to_the_codec_alone_without_a_json_tree_in_between() {
        // a "json" codec that stores plain text: only a direct decode can read it
        Codec text = new Codec() {
            @Override
            public String name() {
                return "json";
            }

            @Override
            public byte[] encode(Object value) {
                return utf8(((Noted) value).text());
            }

            @Override
            public <T> T decode(byte[] data, Class<T> type) {
                return type.cast(new Noted(new String(data, StandardCharsets.UTF_8)));
            }
        };
        TypeRegistry types = TypeRegistry.builder().json(text)
                .add("noted", Noted.class)
                .upcast("noted", 1, json -> json)
                .build();

        assertThat(types.decode("noted", "json", 2, utf8("plain words"))).contains(new Noted("plain words"));
    }

    @Test
    void encodes_at_the_current_version_one_more_than_the_last_step() {
        TypeRegistry types = evolved().add("noted", Noted.class).build();

        assertThat(types.encode(null, new FundsDeposited(BigDecimal.TEN, "EUR")).version()).isEqualTo(3);
        assertThat(types.encode(null, new Noted("hi")).version()).isEqualTo(1);
        assertThat(TypeRegistry.raw().encode("noted", new byte[0]).version()).isEqualTo(1);
    }

    @Test
    void refuses_an_event_newer_than_the_current_version() {
        TypeRegistry types = evolved().build();

        assertThatThrownBy(() -> types.decode("funds-deposited", "json", 4, utf8("{}")))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("stored at version 4, newer than version 3")
                .hasMessageContaining("a newer program wrote it");
    }

    @Test
    void refuses_a_newer_version_of_a_type_that_never_changed() {
        TypeRegistry types = TypeRegistry.builder().add("noted", Noted.class).build();

        assertThatThrownBy(() -> types.decode("noted", "json", 2, utf8("{\"text\":\"x\"}")))
                .isInstanceOf(CodecException.class).hasMessageContaining("newer than version 1");
    }

    @Test
    void says_which_step_failed_when_an_upcaster_throws() {
        TypeRegistry types = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .upcast("funds-deposited", 1, ADD_CURRENCY)
                .upcast("funds-deposited", 2, json -> {
                    throw new IllegalStateException("no value to rename");
                })
                .build();

        assertThatThrownBy(() -> types.decode("funds-deposited", "json", 1, utf8("{}")))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("the upcaster from version 2 to 3 failed")
                .hasMessageContaining("no value to rename")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void refuses_an_upcaster_that_returns_null() {
        TypeRegistry types = TypeRegistry.builder().add("noted", Noted.class).upcast("noted", 1, json -> null).build();

        assertThatThrownBy(() -> types.decode("noted", "json", 1, utf8("{}")))
                .isInstanceOf(CodecException.class).hasMessageContaining("from version 1 to 2 returned null");
    }

    @Test
    void refuses_old_data_that_is_not_a_json_object() {
        TypeRegistry types = evolved().build();

        assertThatThrownBy(() -> types.decode("funds-deposited", "json", 1, utf8("[1,2]")))
                .isInstanceOf(CodecException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> types.decode("funds-deposited", "json", 1, utf8("{\"value\":")))
                .isInstanceOf(CodecException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> types.decode("funds-deposited", "binary", 1, new byte[] {1}))
                .isInstanceOf(CodecException.class).hasMessageContaining("with the binary codec");
    }

    @Test
    void keeps_numbers_exact_through_an_upcast() {
        TypeRegistry types = evolved().build();

        FundsDeposited decoded = (FundsDeposited) types.decode("funds-deposited", "json", 1,
                utf8("{\"value\":0.1000000000000000000001}")).orElseThrow();

        assertThat(decoded.amount()).isEqualTo(new BigDecimal("0.1000000000000000000001"));
    }

    @Test
    void decodes_the_upcast_json_with_the_types_own_codec() {
        Codec goStyle = Codec.json(Codec.jsonMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE));
        TypeRegistry types = TypeRegistry.builder().json(goStyle)
                .add("funds-deposited", FundsDeposited.class)
                .upcast("funds-deposited", 1, json -> json.put("Currency", "EUR").set("Amount", json.remove("Value")))
                .build();

        assertThat(types.decode("funds-deposited", "json", 1, utf8("{\"Value\":\"7.5\"}")))
                .contains(new FundsDeposited(new BigDecimal("7.5"), "EUR"));
    }

    @Test
    void refuses_a_chain_with_a_step_missing() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .upcast("funds-deposited", 1, ADD_CURRENCY)
                .upcast("funds-deposited", 3, RENAME_VALUE);

        assertThatThrownBy(builder::build)
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("funds-deposited")
                .hasMessageContaining("no upcaster from version 2 to 3")
                .hasMessageContaining("up to version 4");
    }

    @Test
    void refuses_a_chain_that_does_not_start_at_version_1() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .upcast("funds-deposited", 2, RENAME_VALUE);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no upcaster from version 1 to 2");
    }

    @Test
    void refuses_two_steps_from_one_version() {
        TypeRegistry.Builder builder = evolved().upcast("funds-deposited", 2, ADD_CURRENCY);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two upcasters from version 2");
    }

    @Test
    void refuses_a_step_from_below_version_1() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add("noted", Noted.class).upcast("noted", 0, json -> json);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts from version 0; versions start at 1");
    }

    @Test
    void refuses_a_null_upcaster() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add("noted", Noted.class).upcast("noted", 1, null);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upcaster from version 1").hasMessageContaining("is null");
    }

    @Test
    void refuses_upcasters_of_a_type_that_is_not_registered() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add("noted", Noted.class).upcast("notes", 1, json -> json);

        assertThatThrownBy(builder::build)
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes")
                .hasMessageContaining("'notes', which is not registered");
    }

    @Test
    void refuses_upcasters_given_under_an_old_name_pointing_at_the_current_one() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("noted", Noted.class)
                .alias("note-taken", "noted")
                .upcast("note-taken", 1, json -> json);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it is an old name of 'noted': use that");
    }

    @Test
    void refuses_upcasters_of_a_type_that_is_not_json() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("photo-uploaded", byte[].class, Codec.binary())
                .upcast("photo-uploaded", 1, json -> json);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses the binary codec, but upcasters work on JSON");
    }

    @Test
    void hands_the_upcaster_the_stored_json_as_written() {
        StringBuilder seen = new StringBuilder();
        TypeRegistry types = TypeRegistry.builder()
                .add("noted", Noted.class)
                .upcast("noted", 1, json -> {
                    seen.append(json);
                    return json;
                })
                .build();

        types.decode("noted", "json", 1, utf8("{\"text\":\"x\",\"extra\":1.50}"));

        assertThat(seen).hasToString("{\"text\":\"x\",\"extra\":1.50}");
    }

    /** Keeps the compiler honest about the interface's shape: an upcaster may return a new object. */
    @Test
    void accepts_an_upcaster_that_returns_a_new_object() {
        TypeRegistry types = TypeRegistry.builder()
                .add("noted", Noted.class)
                .upcast("noted", 1, json -> {
                    ObjectNode fresh = json.objectNode();
                    return fresh.put("text", json.path("note").asText());
                })
                .build();

        assertThat(types.decode("noted", "json", 1, utf8("{\"note\":\"kept\"}"))).contains(new Noted("kept"));
    }
}

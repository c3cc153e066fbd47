package io.rita.types;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Old names of renamed types: read as the current type, never written. */
class TypeRegistryAliasTest {

    record FundsDeposited(BigDecimal amount) {
    }

    record Noted(String text) {
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private final TypeRegistry types = TypeRegistry.builder()
            .add("funds-deposited", FundsDeposited.class)
            .alias("money-added", "funds-deposited")
            .upcast("funds-deposited", 1, json -> json.set("amount", json.remove("sum")))
            .build();

    @Test
    void decodes_an_event_stored_under_an_old_name_into_the_current_record_through_the_same_upcasters() {
        assertThat(types.decode("money-added", "json", 1, utf8("{\"sum\":5}")))
                .contains(new FundsDeposited(new BigDecimal("5")));
    }

    @Test
    void decodes_a_current_version_event_stored_under_an_old_name() {
        assertThat(types.decode("money-added", "json", 2, utf8("{\"amount\":5}")))
                .contains(new FundsDeposited(new BigDecimal("5")));
    }

    @Test
    void writes_the_current_name_also_when_an_old_one_is_given() {
        Encoded encoded = types.encode("money-added", new FundsDeposited(BigDecimal.ONE));

        assertThat(encoded.type()).isEqualTo("funds-deposited");
        assertThat(encoded.version()).isEqualTo(2);
    }

    @Test
    void knows_the_type_of_an_old_name_but_does_not_list_it() {
        assertThat(types.typeOf("money-added")).contains(FundsDeposited.class);
        assertThat(types.codecOf("money-added")).contains(Codec.json());
        assertThat(types.names()).containsExactly("funds-deposited");
        assertThat(types.nameOf(FundsDeposited.class)).contains("funds-deposited");
    }

    @Test
    void refuses_an_old_name_that_is_also_a_registered_name() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .add("noted", Noted.class)
                .alias("noted", "funds-deposited");

        assertThatThrownBy(builder::build)
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("noted")
                .hasMessageContaining("'noted' is registered as event type 'noted'")
                .hasMessageContaining("cannot also be an old name of 'funds-deposited'");
    }

    @Test
    void refuses_an_old_name_that_points_at_no_registered_type() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .alias("money-added", "funds-added");

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("old name 'money-added' points at 'funds-added', which is not registered");
    }

    @Test
    void refuses_an_old_name_that_points_at_another_old_name() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .alias("money-added", "funds-deposited")
                .alias("cash-added", "money-added");

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points at 'money-added', which is not registered")
                .hasMessageContaining("it is an old name of 'funds-deposited': use that");
    }

    @Test
    void refuses_one_old_name_given_twice() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .add("noted", Noted.class)
                .alias("added", "funds-deposited")
                .alias("added", "noted");

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("old name 'added' is given twice (for 'funds-deposited' and 'noted')");
    }

    @Test
    void refuses_an_old_name_that_is_not_a_valid_name() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .alias("money added", "funds-deposited");

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad old event type name 'money added'");
    }
}

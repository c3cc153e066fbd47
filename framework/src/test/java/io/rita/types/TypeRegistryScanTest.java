package io.rita.types;

import io.rita.types.notrecord.Ledger;
import io.rita.types.scanned.AllowancePaid;
import io.rita.types.scanned.more.GoalSet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeRegistryScanTest {

    record Transferred(BigDecimal amount) {
    }

    @Test
    void finds_the_annotated_records_of_a_package_and_its_sub_packages() {
        TypeRegistry types = TypeRegistry.scan("io.rita.types.scanned");

        assertThat(types.names()).containsExactlyInAnyOrder("allowance-paid", "kmm.gift-received", "goal-set");
        assertThat(types.typeOf("allowance-paid")).contains(AllowancePaid.class);
        assertThat(types.nameOf(GoalSet.class)).contains("goal-set");
    }

    @Test
    void registers_scanned_records_with_the_json_codec() {
        TypeRegistry types = TypeRegistry.scan("io.rita.types.scanned");

        assertThat(types.codecOf("goal-set")).contains(Codec.json());
    }

    @Test
    void finds_package_private_records() {
        TypeRegistry types = TypeRegistry.scan("io.rita.types.scanned");

        assertThat(types.typeOf("kmm.gift-received")).hasValueSatisfying(type ->
                assertThat(type.getName()).isEqualTo("io.rita.types.scanned.GiftReceived"));
    }

    @Test
    void combines_scanned_and_added_types_in_one_builder() {
        TypeRegistry types = TypeRegistry.builder()
                .scan("io.rita.types.scanned.more")
                .add("transferred", Transferred.class)
                .build();

        assertThat(types.names()).containsExactly("goal-set", "transferred");
    }

    @Test
    void refuses_an_added_type_that_scanning_already_registered() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .scan("io.rita.types.scanned.more")
                .add("goal-changed", GoalSet.class);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'goal-set' and 'goal-changed'");
    }

    @Test
    void refuses_an_annotated_class_that_is_not_a_record() {
        assertThatThrownBy(() -> TypeRegistry.scan("io.rita.types.notrecord"))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("ledger-opened")
                .hasMessageContaining(Ledger.class.getName())
                .hasMessageContaining("is not a record")
                .hasMessageContaining("make it a record");
    }

    @Test
    void refuses_a_package_without_annotated_records() {
        assertThatThrownBy(() -> TypeRegistry.scan("io.rita.types.nosuchpackage"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.rita.types.nosuchpackage")
                .hasMessageContaining("check the package names");
    }

    @Test
    void refuses_a_scan_without_packages() {
        assertThatThrownBy(TypeRegistry::scan)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one or more package names");
    }
}

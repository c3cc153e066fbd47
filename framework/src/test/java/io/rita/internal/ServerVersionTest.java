package io.rita.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerVersionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2.9.10        | 2 | 9  | 10 | ''",
            "v2.9.10       | 2 | 9  | 10 | ''",
            "V2.9.10       | 2 | 9  | 10 | ''",
            "2.10.22       | 2 | 10 | 22 | ''",
            "2.11.0-RC.1   | 2 | 11 | 0  | RC.1",
            "2.12.0-beta.3 | 2 | 12 | 0  | beta.3",
            "2.10.0-beta   | 2 | 10 | 0  | beta",
            "2.9.21+build.7| 2 | 9  | 21 | ''",
            "'  2.9.10\n'  | 2 | 9  | 10 | ''",
    })
    void reads_what_servers_and_people_write(String text, int major, int minor, int patch, String preRelease) {
        assertThat(ServerVersion.parse(text)).isEqualTo(new ServerVersion(major, minor, patch, preRelease));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "garbage", "2", "2.9", "2.9.", "2.9.x", "2..10", "2.9.10.1", "v", "vv2.9.10",
            "2.9.10-", "2.9.10-RC..1", "2.9.10 RC1", "-2.9.10", "2.9.99999999999", "nats-server: v2.9.10"})
    void refuses_anything_else_with_the_text_and_the_expected_form_in_the_message(String text) {
        assertThatThrownBy(() -> ServerVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("2.9.10");
    }

    @ParameterizedTest
    @NullSource
    void refuses_null_with_a_message(String text) {
        assertThatThrownBy(() -> ServerVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @Test
    void orders_by_number_then_a_release_after_its_pre_releases() {
        List<String> ordered = List.of("2.2.0", "2.9.9", "2.9.10", "2.9.20", "2.9.21-RC.1", "2.9.21", "2.9.22",
                "2.10.0-RC.1", "2.10.0-RC.2", "2.10.0-RC.11", "2.10.0-beta", "2.10.0-beta.3", "2.10.0",
                "2.10.22", "2.11.0-RC.1", "2.11.0", "3.0.0");
        List<ServerVersion> shuffled = new ArrayList<>(ordered.stream().map(ServerVersion::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(42));

        Collections.sort(shuffled);

        assertThat(shuffled).extracting(ServerVersion::toString).containsExactlyElementsOf(ordered);
    }

    @Test
    void compares_numbers_as_numbers_not_as_text() {
        assertThat(ServerVersion.parse("2.10.0").isAtLeast(ServerVersion.parse("2.9.21"))).isTrue();
        assertThat(ServerVersion.parse("2.9.10").isBefore(ServerVersion.parse("2.9.21"))).isTrue();
        assertThat(ServerVersion.parse("2.9.100").isBefore(ServerVersion.parse("2.9.21"))).isFalse();
    }

    @Test
    void a_version_is_not_before_itself_but_at_least_itself() {
        ServerVersion version = ServerVersion.parse("2.9.21");

        assertThat(version.isBefore(ServerVersion.parse("2.9.21"))).isFalse();
        assertThat(version.isAtLeast(ServerVersion.parse("2.9.21"))).isTrue();
    }

    @Test
    void zero_is_a_version_number() {
        assertThat(new ServerVersion(0, 0, 0, "")).hasToString("0.0.0");
        assertThat(ServerVersion.parse("0.1.0").isBefore(ServerVersion.parse("1.0.0"))).isTrue();
    }

    @Test
    void in_a_pre_release_a_number_comes_before_a_word() {
        assertThat(ServerVersion.parse("2.11.0-1").isBefore(ServerVersion.parse("2.11.0-RC"))).isTrue();
        assertThat(ServerVersion.parse("2.11.0-RC.beta").isBefore(ServerVersion.parse("2.11.0-RC.1"))).isFalse();
        assertThat(ServerVersion.parse("2.11.0-RC.1").isBefore(ServerVersion.parse("2.11.0-RC.beta"))).isTrue();
    }

    @Test
    void ignores_build_metadata_and_a_leading_v_when_comparing() {
        assertThat(ServerVersion.parse("v2.9.21+abc")).isEqualByComparingTo(ServerVersion.parse("2.9.21"));
    }

    @Test
    void prints_the_canonical_form() {
        assertThat(ServerVersion.parse("v2.11.0-RC.1+x")).hasToString("2.11.0-RC.1");
        assertThat(ServerVersion.parse("2.9.10").isPreRelease()).isFalse();
        assertThat(ServerVersion.parse("2.12.0-beta.3").isPreRelease()).isTrue();
    }
}

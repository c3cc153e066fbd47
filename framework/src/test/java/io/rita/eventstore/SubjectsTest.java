package io.rita.eventstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectsTest {

    /** The rule as documented, written as a regex: what the checks must agree with. */
    private static final Pattern TOKEN = Pattern.compile("[^.*>\\s]+");

    @ParameterizedTest
    @ValueSource(strings = {"a", "susie", "deposit-funds", "A_1", "Zoë", "ü", "a\u00a0b", "#", "$JS", "\u2028"})
    void a_token_is_anything_but_dots_wildcards_and_white_space(String token) {
        assertThat(Subjects.isToken(token)).isTrue();
        assertThat(Subjects.isConcrete("kmm." + token + ".x")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "*", ">", "a*", "b>", " ", "a b", "a\tb", "a\nb", "a\u000bb", "a\fb",
            "a\rb", "\t"})
    void refuses_empty_tokens_dots_wildcards_and_white_space(String token) {
        assertThat(Subjects.isToken(token)).isFalse();
        assertThat(Subjects.isConcrete("kmm." + token + ".x")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "a.*", "a.>", "a.b c"})
    void refuses_subjects_with_an_empty_or_bad_token(String subject) {
        assertThat(Subjects.isConcrete(subject)).isFalse();
    }

    @Test
    void a_refused_subject_is_told_with_what_it_was_for() {
        assertThat(Subjects.requireConcrete("an append", "orders.1")).isEqualTo("orders.1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Subjects.requireConcrete("a snapshot", "orders.*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a snapshot needs a concrete subject (tokens separated by '.', none empty, no '*', '>' or"
                        + " whitespace), was 'orders.*'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.rita.service.Route.stream("svc.*.watch",
                        req -> "orders." + req.token(1), "watch.>"))
                .hasMessageStartingWith("a stream route's delivery prefix needs a concrete subject");
    }

    @Test
    void agrees_with_the_rule_for_every_character_alone_and_between_others() {
        List<String> samples = new ArrayList<>();
        for (char c = 0; c < 0x3100; c++) {
            samples.add(String.valueOf(c));
            samples.add("a" + c + "b");
        }
        for (String token : samples) {
            boolean expected = TOKEN.matcher(token).matches();
            assertThat(Subjects.isToken(token)).as("token '%s'", token).isEqualTo(expected);
            assertThat(Subjects.isConcrete("x." + token)).as("subject 'x.%s'", token)
                    .isEqualTo(expected || token.equals("a.b"));
        }
        assertThat(Subjects.isToken("a.b")).isFalse();
        assertThat(Subjects.isToken(null)).isFalse();
        assertThat(Subjects.isConcrete(null)).isFalse();
    }
}

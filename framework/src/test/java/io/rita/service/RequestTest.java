package io.rita.service;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTest {

    @Test
    void reads_headers_without_regard_to_case() {
        Request request = new Request("a.b", Map.of("rita-command-id", "x"), null);

        assertThat(request.header(ServiceHeaders.COMMAND_ID)).isEqualTo("x");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void gives_checked_tokens_of_its_subject() {
        Request request = Request.of("kmm.services.susie.balance", null);

        assertThat(request.token(2)).isEqualTo("susie");
        assertThatThrownBy(() -> request.token(4)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Request.of("kmm.services.*.balance", null).token(2))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'*'");
    }

    @Test
    void finds_each_token_where_tokens_has_it_and_tells_a_missing_one_from_an_empty_one() {
        for (String subject : List.of("a", "a.b", "kmm.services.susie.balance", "x.yy.zzz.", "é.ü")) {
            Request request = Request.of(subject, null);
            List<String> tokens = request.tokens();
            for (int i = 0; i < tokens.size(); i++) {
                if (!tokens.get(i).isEmpty()) {
                    assertThat(request.token(i)).isEqualTo(tokens.get(i));
                }
            }
            int past = tokens.size();
            assertThatThrownBy(() -> request.token(past)).hasMessageEndingWith("has no token " + past);
        }
        assertThatThrownBy(() -> Request.of("a.b.", null).token(2)).hasMessageContaining("was ''");
        // a subject that starts with a dot: an empty first token, and the second after it
        assertThatThrownBy(() -> Request.of(".a.b", null).token(0)).hasMessageEndingWith("was ''");
        assertThat(Request.of(".a.b", null).token(1)).isEqualTo("a");
        assertThatThrownBy(() -> Request.of("a.b", null).token(-1)).hasMessageEndingWith("has no token -1");
    }

    @Test
    void quotes_a_long_bad_token_shortened_and_names_the_subject_as_the_bad_part() {
        Request request = Request.of("kmm.services." + "x y".repeat(100) + ".balance", null);

        assertThatThrownBy(() -> request.token(2)).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.getMessage()).endsWith("was '" + "x y".repeat(100).substring(0, 40) + "...'");
            assertThat(e.part()).isEqualTo(BadRequestException.Part.SUBJECT);
        });
    }

    @Test
    void names_the_header_as_the_bad_part_of_a_bad_id() {
        Request request = Request.of("a.b", null).withHeader(ServiceHeaders.COMMAND_ID, "two words");

        assertThatThrownBy(() -> Ids.header(request, ServiceHeaders.COMMAND_ID))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.part()).isEqualTo(BadRequestException.Part.HEADER));
    }

    @Test
    void matches_subjects_against_wildcard_patterns() {
        SubjectPattern pattern = new SubjectPattern("kmm.services.*.deposit-funds");

        assertThat(pattern.matches("kmm.services.susie.deposit-funds")).isTrue();
        assertThat(pattern.matches("kmm.services.susie.withdraw-funds")).isFalse();
        assertThat(pattern.matches("kmm.services.deposit-funds")).isFalse();
        assertThat(new SubjectPattern("kmm.>").matches("kmm.a.b")).isTrue();
        assertThat(new SubjectPattern("kmm.>").matches("kmm")).isFalse();
    }

    @Test
    void names_a_route_after_the_last_literal_token_of_its_pattern() {
        assertThat(EndpointNames.defaultName("kmm.services.*.deposit-funds")).isEqualTo("deposit-funds");
        assertThat(EndpointNames.defaultName("orders.>")).isEqualTo("orders");
    }
}

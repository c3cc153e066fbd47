package io.rita.service;

import io.rita.aggregate.CommandOptions;
import io.rita.eventstore.Subjects;
import io.rita.service.Reply.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

class BadInputTest {

    record Transfer(String to, int n) {
    }

    private final Counting store = Counters.store();
    private final Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD, Counters.NOOP,
            CommandRoute.of("transfers.*", Transfer.class,
                            (req, command) -> "counters." + Subjects.requireToken("to", command.to()), Counters.DECIDER)
                    .withDecoder((body, json) -> new Transfer(new String(body, StandardCharsets.UTF_8), 1)),
            CommandRoute.of("careless.*", Transfer.class, (req, command) -> "counters." + command.to(), Counters.DECIDER)
                    .withDecoder((body, json) -> new Transfer(new String(body, StandardCharsets.UTF_8), 1))),
            DispatchOptions.defaults().withMaxBodyBytes(1024));

    private Failure send(String subject, String body) {
        Reply reply = dispatcher.dispatch(Request.of(subject, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(reply).isInstanceOf(Failure.class);
        return (Failure) reply;
    }

    @Test
    void refuses_malformed_json() {
        Failure failure = send("counters.a.add", "{\"n\":");

        assertThat(failure.code()).isEqualTo(400);
        assertThat(failure.message()).startsWith("malformed JSON in request body");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'{\"n\":\"x\"}' | bad request body: field 'n' must be a whole number, was \"x\"",
            "'{\"n\":[1]}' | bad request body: field 'n' must be a whole number",
            "'{\"n\":{\"a\":1}}' | bad request body: field 'n' must be a whole number",
            "'{\"n\":1.5}' | bad request body: field 'n' must be a whole number, was 1.5",
            "'{\"n\":\"7\"}' | bad request body: field 'n' must be a whole number, was \"7\""})
    void refuses_a_field_of_the_wrong_type_in_terms_of_json_not_java(String body, String message) {
        assertThat(send("counters.a.add", body)).isEqualTo(Failure.badRequest(message));
    }

    /** In JSON's terms and with where it is, not with Jackson's source excerpt or the settings that would allow it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'{\"n\":1' | malformed JSON in request body: Unexpected end-of-input: expected close marker for Object"
                    + " (start marker at line 1, column 1)",
            "'{\"n\":1}{\"n\":2}' | malformed JSON in request body: more after the end of the JSON value",
            "'{\"n\":99999999999}' | bad request body: field 'n' must be a whole number from -2147483648 to"
                    + " 2147483647, was 99999999999"})
    void says_what_is_wrong_in_json_terms_without_jacksons_words_for_its_own_settings(String body, String message) {
        assertThat(send("counters.a.add", body)).isEqualTo(Failure.badRequest(message));
    }

    @Test
    void refuses_a_missing_field() {
        Failure failure = send("counters.a.add", "{}");

        assertThat(failure).isEqualTo(Failure.badRequest("bad request body: field 'n' is missing or null"));
    }

    @Test
    void refuses_an_unknown_field() {
        Failure failure = send("counters.a.add", "{\"n\":1,\"m\":2}");

        assertThat(failure).isEqualTo(Failure.badRequest("bad request body: unknown field 'm'"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "null | bad request body: expected a JSON object, was null",
            "[] | bad request body: expected a JSON object, was an array",
            "' [{\"n\":1}]' | bad request body: expected a JSON object, was an array",
            "42 | bad request body: expected a JSON object, was a number",
            "-1.5 | bad request body: expected a JSON object, was a number",
            "'\"text\"' | bad request body: expected a JSON object, was a string",
            "true | bad request body: expected a JSON object, was a boolean",
            "'{\"n\":1} trailing' | malformed JSON in request body: Unrecognized token 'trailing': was expecting"
                    + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"})
    void refuses_a_body_that_is_not_the_command_saying_what_it_is(String body, String message) {
        assertThat(send("counters.a.add", body)).isEqualTo(Failure.badRequest(message));
        assertThat(store.all()).isEmpty();
    }

    @Test
    void refuses_a_number_longer_than_jackson_reads_without_naming_jackson_settings() {
        Dispatcher roomy = Dispatcher.of(store, List.of(Counters.ADD)); // the default limit on bodies, 64 KiB
        Reply reply = roomy.dispatch(Request.of("counters.a.add",
                ("{\"n\":" + "9".repeat(2_000) + "}").getBytes(StandardCharsets.UTF_8)));

        assertThat(reply).isInstanceOf(Failure.class);
        Failure failure = (Failure) reply;
        assertThat(failure.code()).isEqualTo(400);
        assertThat(failure.message())
                .isEqualTo("bad request body: Number value length (2000) exceeds the maximum allowed (1000)");
    }

    @Test
    void accepts_an_empty_body_for_a_command_without_fields() {
        Reply reply = dispatcher.dispatch(Request.of("counters.a.noop", new byte[0]));

        assertThat(reply.isSuccess()).isTrue();
    }

    @Test
    void refuses_an_oversized_body_with_413() {
        Failure failure = send("counters.a.add", "{\"n\":1" + " ".repeat(2000) + "}");

        assertThat(failure.code()).isEqualTo(413);
        assertThat(failure.message()).contains("over the limit of 1024 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"counters.*.add", "counters.>.add", "counters..add", "counters.a b.add", "counters.\t.add"})
    void refuses_a_bad_subject_token_before_loading_anything(String subject) {
        Failure failure = send(subject, "{\"n\":1}");

        assertThat(failure.code()).isEqualTo(400);
        assertThat(failure.message()).contains("must be one subject token");
        assertThat(store.fullLoads).hasValue(0);
    }

    @Test
    void refuses_a_bad_token_even_where_the_route_takes_its_aggregate_from_the_body() {
        Failure failure = send("careless.*", "x");

        assertThat(failure).isEqualTo(Failure.badRequest("request subject token 1 must be one subject token"
                + " (not empty, no '.', '*', '>' or whitespace), was '*'"));
        assertThat(store.all()).isEmpty();
    }

    @Test
    void refuses_a_command_field_that_would_reach_another_aggregate() {
        Failure failure = send("transfers.x", "a.b");

        assertThat(failure.code()).isEqualTo(400);
        assertThat(failure.message()).startsWith("to must be one subject token");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void refuses_a_command_that_leads_to_a_wildcard_subject() {
        Failure failure = send("careless.x", "*");

        assertThat(failure).isEqualTo(Failure.badRequest("request leads to an invalid aggregate subject 'counters.*'"));
    }

    // command ids become event ids and metadata, correlation ids metadata: the store refuses
    // what would not survive as a NATS header, and that must be the caller's 400, not a 500
    @ParameterizedTest
    @ValueSource(strings = {"", "with space", " leading", "trailing ", "line\nbreak", "tab\there", "caf\u00e9",
            "\u6ce8\u6587", "\u0000"})
    void refuses_a_bad_command_id_before_anything_is_stored(String id) {
        Reply reply = dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.COMMAND_ID, id));

        assertThat(((Failure) reply).code()).isEqualTo(400);
        assertThat(((Failure) reply).message()).startsWith("Rita-Command-Id must be 1 to 128 visible ASCII characters");
        assertThat(reply.headers().get(ServiceHeaders.SERVICE_ERROR)).doesNotContain("\n");
        assertThat(store.all()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", " leading", "trailing ", "line\nbreak", "caf\u00e9", "\u0000"})
    void refuses_a_bad_correlation_id_before_anything_is_stored(String id) {
        Reply reply = dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.CORRELATION_ID, id));

        assertThat(((Failure) reply).code()).isEqualTo(400);
        assertThat(((Failure) reply).message())
                .startsWith("Rita-Correlation-Id must be 1 to 128 visible ASCII characters");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void accepts_ids_at_the_limits_of_length_and_of_visible_ascii() {
        String longest = "!" + "x".repeat(CommandOptions.MAX_ID_LENGTH - 2) + "~";

        Reply reply = dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.COMMAND_ID, longest)
                .withHeader(ServiceHeaders.CORRELATION_ID, "!~"));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(store.all()).singleElement().satisfies(event ->
                assertThat(event.meta()).containsEntry("causation-id", longest).containsEntry("correlation-id", "!~"));
        // DEL is the first character past the visible ones; a value of exactly 40 characters is quoted whole
        Reply del = dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.COMMAND_ID, "x".repeat(39) + "\u007f"));
        assertThat(((Failure) del).message()).endsWith("was '" + "x".repeat(39) + "\u007f'");
    }

    @Test
    void refuses_a_command_id_over_128_characters() {
        Reply reply = dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.COMMAND_ID, "x".repeat(129)));

        assertThat(((Failure) reply).code()).isEqualTo(400);
        assertThat(((Failure) reply).message()).isEqualTo("Rita-Command-Id must be 1 to 128 visible ASCII characters"
                + " (letters, digits, punctuation; no spaces), was '" + "x".repeat(40) + "...'");
        assertThat(store.all()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "x", "1.5"})
    void refuses_a_bad_expected_sequence(String sequence) {
        Reply reply = dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.EXPECTED_SEQUENCE, sequence));

        assertThat(((Failure) reply).code()).isEqualTo(400);
        assertThat(((Failure) reply).message())
                .isEqualTo("Rita-Expected-Sequence must be a sequence number >= 0, was '" + sequence + "'");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void appends_nothing_for_hundreds_of_random_and_mutated_bodies_and_keeps_serving() {
        Random random = new Random(7);
        byte[] valid = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        for (int i = 0; i < 400; i++) {
            byte[] body = i % 2 == 0 ? randomBytes(random) : mutate(valid, random);
            Reply reply = dispatcher.dispatch(Request.of("counters.f.add", body));
            if (reply.isSuccess()) {
                accepted++;
            } else {
                assertThat(((Failure) reply).code()).isIn(400, 413);
            }
        }

        assertThat(store.all()).hasSize(accepted);
        assertThat(dispatcher.dispatch(add("g", 1)).isSuccess()).isTrue();
    }

    static byte[] randomBytes(Random random) {
        byte[] body = new byte[random.nextInt(64)];
        random.nextBytes(body);
        return body;
    }

    static byte[] mutate(byte[] valid, Random random) {
        byte[] body = valid.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        }
        return body;
    }
}

package io.rita.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectPatternTest {

    @ParameterizedTest
    @CsvSource({
            "a.*.add,        a.*.add,        a.x.add",
            "a.*.add,        a.b.*,          a.b.add",
            "a.>,            a.b.c,          a.b.c",
            "a.*.*,          >,              a.x.x",
            "a.streams.*,    a.*.watch,      a.streams.watch",
            "a.b.>,          a.*.c.*,        a.b.c.x"})
    void finds_a_subject_that_two_overlapping_patterns_both_match(String one, String other, String common) {
        assertThat(new SubjectPattern(one).commonSubject(new SubjectPattern(other))).isEqualTo(common);
        assertThat(new SubjectPattern(common).matches(common)).isTrue();
        assertThat(new SubjectPattern(one).matches(common)).isTrue();
        assertThat(new SubjectPattern(other).matches(common)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "a.*.add,     a.*.value",
            "a.*,         a.*.b",
            "a.>,         a",
            "a.b.*,       b.>",
            "kmm.streams.*, kmm.services.>"})
    void finds_none_for_patterns_that_share_no_subject(String one, String other) {
        assertThat(new SubjectPattern(one).commonSubject(new SubjectPattern(other))).isNull();
        assertThat(new SubjectPattern(other).commonSubject(new SubjectPattern(one))).isNull();
    }
}

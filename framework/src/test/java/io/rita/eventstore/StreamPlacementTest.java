package io.rita.eventstore;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamPlacementTest {

    @ParameterizedTest(name = "{0} with {1} replicas, {2} -> {3}")
    @CsvSource({
            // a single copy: the server checks per-subject expectations exactly on any version
            "2.9.10,      1, AUTO,            PER_SUBJECT",
            "2.9.10,      1, PER_SUBJECT,     PER_SUBJECT",
            "2.9.10,      1, STREAM_SEQUENCE, STREAM_SEQUENCE",
            "garbage,     1, AUTO,            PER_SUBJECT",
            // replicated before 2.9.21 (nats-server#4320): only the stream sequence is exact
            "2.9.10,      3, AUTO,            STREAM_SEQUENCE",
            "2.9.20,      3, AUTO,            STREAM_SEQUENCE",
            "2.9.21-RC.1, 3, AUTO,            STREAM_SEQUENCE",
            "2.9.10,      3, STREAM_SEQUENCE, STREAM_SEQUENCE",
            // replicated from 2.9.21 on
            "2.9.21,      3, AUTO,            PER_SUBJECT",
            "v2.9.21,     3, AUTO,            PER_SUBJECT",
            "2.10.22,     3, AUTO,            PER_SUBJECT",
            "2.11.0-RC.1, 3, AUTO,            PER_SUBJECT",
            "2.10.22,     3, PER_SUBJECT,     PER_SUBJECT",
            "2.10.22,     3, STREAM_SEQUENCE, STREAM_SEQUENCE",
            "2.10.22,     5, AUTO,            PER_SUBJECT",
            // a version that cannot be read is assumed not to serialise
            "garbage,     3, AUTO,            STREAM_SEQUENCE",
            "'',          3, AUTO,            STREAM_SEQUENCE",
    })
    void chooses_per_subject_only_where_the_server_makes_it_exact(String version, int replicas, AppendMode requested,
                                                                   AppendMode chosen) {
        assertThat(new StreamPlacement(version, replicas).choose(requested, "orders")).isEqualTo(chosen);
    }

    @Test
    void refuses_per_subject_on_a_replicated_stream_before_2_9_21_and_says_what_to_do() {
        StreamPlacement placement = new StreamPlacement("2.9.10", 3);

        assertThatThrownBy(() -> placement.choose(AppendMode.PER_SUBJECT, "orders"))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("store 'orders' refuses AppendMode.PER_SUBJECT")
                .hasMessageContaining("3 replicas")
                .hasMessageContaining("nats-server 2.9.10")
                .hasMessageContaining("2.9.21")
                .hasMessageContaining("nats-server#4320")
                .hasMessageContaining("AppendMode.AUTO or STREAM_SEQUENCE");
    }

    @Test
    void refuses_per_subject_on_a_replicated_stream_of_a_server_whose_version_cannot_be_read() {
        StreamPlacement placement = new StreamPlacement("nightly", 3);

        assertThatThrownBy(() -> placement.choose(AppendMode.PER_SUBJECT, "orders"))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("version 'nightly' cannot be read");
    }
}

package io.rita.eventstore;

import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The append mode a store picks on a single server, where every mode is exact. */
@Timeout(60)
class JetStreamAppendModeTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void appends_per_subject_on_a_single_server_by_default() {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("automatic");
        store.create();

        assertThat(store.appendMode()).isEqualTo(AppendMode.PER_SUBJECT);
    }

    @Test
    void keeps_the_mode_asked_for_where_it_is_exact() {
        Rita.of(nats.connection()).eventStore("asked").create();

        for (AppendMode mode : List.of(AppendMode.PER_SUBJECT, AppendMode.STREAM_SEQUENCE)) {
            JetStreamEventStore store = Rita.of(nats.connection()).eventStore(StoreConfig.of("asked")
                    .withAppendMode(mode));
            assertThat(store.open().appendMode()).isEqualTo(mode);
        }
    }

    @Test
    void learns_the_mode_at_the_first_append_with_an_expectation_when_not_opened() {
        Rita.of(nats.connection()).eventStore("learned").create();
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(StoreConfig.of("learned")
                .withAppendMode(AppendMode.STREAM_SEQUENCE));

        long first = store.append("learned.1", List.of(Event.of("a", new byte[0])), Expected.sequence(0)).sequence();
        long second = store.append("learned.1", List.of(Event.of("a", new byte[0])), Expected.sequence(first)).sequence();

        assertThat(second).isGreaterThan(first);
        assertThat(store.appendMode()).isEqualTo(AppendMode.STREAM_SEQUENCE);
    }

    @Test
    void says_when_the_store_has_no_stream_instead_of_guessing_a_mode() {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("missing");

        assertThatThrownBy(store::open).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("store 'missing' does not exist")
                .hasMessageContaining("create() it first");
        assertThatThrownBy(() -> store.append("missing.1", List.of(Event.of("a", new byte[0])), Expected.sequence(0)))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("store 'missing' does not exist");
        assertThatThrownBy(() -> store.load("missing.1")).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("store 'missing' does not exist");
    }
}

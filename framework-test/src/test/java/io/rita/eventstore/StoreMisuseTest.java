package io.rita.eventstore;

import io.nats.client.Connection;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store used wrongly says so at the call, with what to do: no expectation given (which must not
 * mean "no check"), a store whose connection was closed.
 */
@Timeout(60)
class StoreMisuseTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final String NO_EXPECTATION =
            "expected: Expected.any() to append without a check, or Expected.sequence(n)";

    @Test
    void an_append_without_an_expectation_is_refused_and_stores_nothing() {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("unexpected");
        store.create();
        List<Event> events = List.of(Event.of("placed", new byte[]{1}));

        assertThatThrownBy(() -> store.append("unexpected.1", events, null))
                .isInstanceOf(NullPointerException.class).hasMessage(NO_EXPECTATION);
        assertThat(store.appendAsync("unexpected.1", events, null)).failsWithin(5, TimeUnit.SECONDS)
                .withThrowableThat().havingCause().isInstanceOf(NullPointerException.class)
                .withMessage(NO_EXPECTATION);
        assertThat(store.load("unexpected.1").events()).isEmpty();

        InMemoryEventStore memory = new InMemoryEventStore("unexpected");
        assertThatThrownBy(() -> memory.append("unexpected.1", events, null))
                .isInstanceOf(NullPointerException.class).hasMessage(NO_EXPECTATION);
    }

    @Test
    void a_read_of_a_subject_the_stream_does_not_take_is_refused_until_another_process_adds_it() {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("bound");
        store.create();

        assertThatThrownBy(() -> store.load("bund.1"))
                .isInstanceOf(EventStoreException.class)
                .hasMessage("cannot read bund.1: store 'bound' does not take bund.1 (its subjects are [bound.>]). Read"
                        + " a subject it takes, or add one to its subjects");
        assertThat(store.load("bound.1").events()).isEmpty();
        assertThat(store.load("bund.*").events()).isEmpty(); // a wildcard is not checked
        assertThatThrownBy(() -> Rita.of(nats.connection()).eventStore("bound").open().load("bund.1"))
                .as("a store that opened the stream").isInstanceOf(EventStoreException.class);
        assertThatThrownBy(() -> Rita.of(nats.connection()).eventStore("bound").load("bund.1"))
                .as("a store whose first read learns the stream's settings").isInstanceOf(EventStoreException.class)
                .hasMessageContaining("does not take bund.1");

        // an operator adds the subject in another process: this store looks again before refusing
        Rita.of(nats.connection()).eventStore(StoreConfig.of("bound").withSubjects("bound.>", "bund.>")).update();
        Rita.of(nats.connection()).eventStore("bound").append("bund.1", List.of(Event.of("placed", new byte[]{1})));
        assertThat(store.load("bund.1").events()).hasSize(1);
    }

    @Test
    void a_store_name_jetstream_would_refuse_later_is_refused_at_once() {
        for (String name : List.of("zoë", "bell\u0007", "tab\there", "a.b", "a/b")) {
            assertThatThrownBy(() -> StoreConfig.of(name)).as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("store name must be a valid stream name (one token of printable ASCII, no '.', '*',"
                            + " '>', '/', '\\' or whitespace), was '" + name + "'");
        }
        assertThat(StoreConfig.of("orders-2026_v1").name()).isEqualTo("orders-2026_v1");
    }

    @Test
    void a_store_whose_connection_was_closed_says_so_and_what_to_do() throws Exception {
        Connection connection = nats.connect();
        JetStreamEventStore store = Rita.of(connection).eventStore("closed");
        store.create();
        store.append("closed.1", List.of(Event.of("placed", new byte[]{1})));
        connection.close();
        String remedy = ": the connection of store 'closed' is closed; a store cannot be used after its connection is"
                + " closed: connect again and make the store anew (Rita.of(connection).eventStore(...))";

        assertThatThrownBy(() -> store.append("closed.1", List.of(Event.of("placed", new byte[]{2}))))
                .isExactlyInstanceOf(EventStoreException.class).hasMessage("cannot append to closed.1" + remedy);
        assertThat(store.appendAsync("closed.1", List.of(Event.of("placed", new byte[]{2})), Expected.any()))
                .failsWithin(5, TimeUnit.SECONDS).withThrowableThat().havingCause()
                .isExactlyInstanceOf(EventStoreException.class).withMessage("cannot append to closed.1" + remedy);
        assertThatThrownBy(() -> store.load("closed.1"))
                .isExactlyInstanceOf(EventStoreException.class).hasMessage("cannot read closed.1" + remedy);
        assertThatThrownBy(store::lastSequence)
                .isExactlyInstanceOf(EventStoreException.class)
                .hasMessage("cannot read the last sequence of store 'closed'" + remedy);
        assertThatThrownBy(store::info).isExactlyInstanceOf(EventStoreException.class)
                .hasMessage("cannot read info of store 'closed'" + remedy);
        assertThatThrownBy(store::delete).isExactlyInstanceOf(EventStoreException.class)
                .hasMessage("cannot delete store 'closed'" + remedy);
        assertThat(Rita.of(nats.connection()).eventStore("closed").load("closed.1").events()).hasSize(1);
    }
}

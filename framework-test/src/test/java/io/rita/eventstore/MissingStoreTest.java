package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.Options;
import io.rita.internal.StoreSetupException;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads of a store that was never created, or was deleted under a running store: nats-server 2.9
 * leaves a direct get of a missing stream unanswered until it times out (5 s). The store says
 * "does not exist" (never "unavailable": no retry helps), and says it at once except for the one
 * read that found out.
 */
@Timeout(60)
class MissingStoreTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    /** Well under a direct get's 5 s timeout: the answer comes from one stream info request. */
    private static final long AT_ONCE_MILLIS = 2_000;

    @Test
    void a_load_of_a_store_never_created_says_it_does_not_exist_at_once() {
        JetStreamEventStore never = Rita.of(nats.connection()).eventStore("never");

        long started = System.nanoTime();
        assertThatThrownBy(() -> never.load("never.1"))
                .isInstanceOf(StoreSetupException.class)
                .hasMessage("cannot read never.1: store 'never' does not exist. Create it (create() or ensure()),"
                        + " or check that this is the account it is in");
        assertThat(millisSince(started)).isLessThan(AT_ONCE_MILLIS);
    }

    /**
     * An append to a store that does not exist gets "no responders" from the server: nothing took
     * it. Synchronous or not, and on a connection that reports no responders as an error of its
     * own (jnats' {@code reportNoResponders()}), it says the store does not exist, not "unavailable,
     * retry" (which would never come true).
     */
    @Test
    void an_append_to_a_store_that_does_not_exist_says_so_on_every_kind_of_connection() throws Exception {
        for (Connection connection : List.of(nats.connection(), nats.connect(Options.Builder::reportNoResponders))) {
            JetStreamEventStore nowhere = Rita.of(connection).eventStore("nowhere");
            Event event = Event.of("placed", new byte[]{1});

            assertThatThrownBy(() -> nowhere.append("nowhere.1", List.of(event)))
                    .isInstanceOf(StoreSetupException.class).hasMessageContaining("store 'nowhere' does not exist");
            assertThat(nowhere.appendAsync("nowhere.1", List.of(event), Expected.any()))
                    .failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class).havingCause()
                    .isInstanceOf(StoreSetupException.class).withMessageContaining("store 'nowhere' does not exist");
        }
    }

    @Test
    void a_store_deleted_under_a_running_one_is_told_missing_and_then_at_once_until_created_again()
            throws Exception {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("deleted");
        store.create();
        store.append("deleted.1", List.of(Event.of("placed", new byte[]{1})));
        assertThat(store.load("deleted.1").events()).hasSize(1);
        // by another process (an operator's `nats stream rm`): this store does not know
        nats.connection().jetStreamManagement().deleteStream("deleted");

        // the first read waits for the unanswered direct get, then looks the store up
        assertThatThrownBy(() -> store.load("deleted.1"))
                .isInstanceOf(StoreSetupException.class)
                .hasMessageContaining("store 'deleted' does not exist");
        long started = System.nanoTime();
        assertThatThrownBy(() -> store.load("deleted.2"))
                .isInstanceOf(StoreSetupException.class)
                .hasMessageContaining("store 'deleted' does not exist");
        assertThat(millisSince(started)).isLessThan(AT_ONCE_MILLIS);

        store.create();
        assertThat(store.load("deleted.1").events()).isEmpty();
        store.append("deleted.1", List.of(Event.of("placed", new byte[]{2})));
        assertThat(store.load("deleted.1").events()).hasSize(1);
    }

    @Test
    void a_store_deleted_through_itself_says_so_at_its_next_read_without_waiting() {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("ownership");
        store.create();
        assertThat(store.load("ownership.1").events()).isEmpty();
        store.delete();

        long started = System.nanoTime();
        assertThatThrownBy(() -> store.load("ownership.1"))
                .isInstanceOf(StoreSetupException.class)
                .hasMessageContaining("store 'ownership' does not exist");
        assertThat(millisSince(started)).isLessThan(AT_ONCE_MILLIS);
    }

    @Test
    void a_slow_answer_from_a_store_that_exists_is_not_called_missing() {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("there");
        store.create();
        EventStoreException timedOut = StoreErrors.failure(nats.connection(), "there", "there.1", "read there.1",
                new java.io.IOException("Timeout or no response waiting for NATS JetStream server"));

        assertThat(timedOut).isExactlyInstanceOf(StoreUnavailableException.class)
                .hasMessageNotContaining("does not exist");
        assertThat(store.load("there.1").events()).isEmpty();
    }

    @Test
    void an_append_that_got_no_answer_is_never_called_missing_whatever_a_lookup_says_after() {
        // no stream 'vanished' exists: a lookup would say "missing", but the append may have been
        // stored before (a stream deleted a moment later, a restarted node that does not know it yet)
        EventStoreException timedOut = StoreErrors.failure(nats.connection(), "vanished", "vanished.1",
                "append to vanished.1", new java.io.IOException("Timeout or no response waiting for NATS JetStream"
                        + " server"));

        assertThat(timedOut).isExactlyInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("the outcome is unknown").hasMessageNotContaining("does not exist");
    }

    @Test
    void a_lookup_that_gets_no_answer_in_time_is_not_called_missing() {
        // no stream 'silent' exists, but a paused server cannot say so: the lookup gives up after 1 s
        nats.server().pause();
        try {
            EventStoreException timedOut = StoreErrors.failure(nats.connection(), "silent", "silent.1",
                    "read silent.1", new java.io.IOException("Timeout or no response waiting for NATS JetStream"
                            + " server"));

            assertThat(timedOut).isExactlyInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining("does not exist");
        } finally {
            nats.server().resume();
        }
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}

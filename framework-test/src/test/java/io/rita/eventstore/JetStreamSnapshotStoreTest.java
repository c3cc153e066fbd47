package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Subscription;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.NatsMessage;
import io.rita.internal.StoreSetupException;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JetStream snapshot store: a stream next to the event store's, one message per aggregate. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JetStreamSnapshotStoreTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private JetStreamEventStore events;
    private JetStreamSnapshotStore snapshots;

    @BeforeEach
    void newStores(TestInfo test) {
        String name = "n" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        events = Rita.of(nats.connection()).eventStore(name);
        events.create();
        snapshots = Rita.of(nats.connection()).snapshotStore(name);
        snapshots.ensure();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_snapshot_is_one_message_on_its_own_stream_with_its_tags_as_headers() throws Exception {
        String subject = events.name() + ".orders.1";
        snapshots.write(new Snapshot(subject, 42, "cmd-7-0", 3, bytes("state")));

        assertThat(snapshots.name()).isEqualTo(events.name() + "-snapshots");
        MessageInfo stored = nats.connection().jetStreamManagement()
                .getLastMessage(snapshots.name(), "$RITA.snapshots." + events.name() + "." + subject);
        assertThat(stored.getHeaders().getFirst("rita-snapshot-sequence")).isEqualTo("42");
        assertThat(stored.getHeaders().getFirst("rita-snapshot-event-id")).isEqualTo("cmd-7-0");
        assertThat(stored.getHeaders().getFirst("rita-snapshot-version")).isEqualTo("3");
        assertThat(snapshots.read(subject)).get().satisfies(read -> {
            assertThat(read.sequence()).isEqualTo(42);
            assertThat(read.eventId()).isEqualTo("cmd-7-0");
            assertThat(read.version()).isEqualTo(3);
            assertThat(read.data()).isEqualTo(bytes("state"));
        });
    }

    @Test
    void only_the_latest_snapshot_of_an_aggregate_is_kept() throws Exception {
        String subject = events.name() + ".orders.2";
        for (int i = 1; i <= 3; i++) {
            snapshots.write(new Snapshot(subject, i, "e" + i, 1, bytes("v" + i)));
        }
        snapshots.write(new Snapshot(events.name() + ".orders.3", 9, "x", 1, bytes("other")));

        assertThat(snapshots.read(subject)).get().extracting(Snapshot::sequence).isEqualTo(3L);
        JetStreamManagement management = nats.connection().jetStreamManagement();
        assertThat(management.getStreamInfo(snapshots.name()).getStreamState().getMsgCount()).isEqualTo(2);
    }

    @Test
    void an_aggregate_without_a_snapshot_reads_as_empty() {
        assertThat(snapshots.read(events.name() + ".nobody")).isEmpty();
    }

    @Test
    void a_message_without_the_tags_is_refused_with_what_is_missing() throws Exception {
        String subject = events.name() + ".orders.4";
        nats.connection().jetStream().publish(NatsMessage.builder()
                .subject("$RITA.snapshots." + events.name() + "." + subject).data(bytes("?")).build());

        assertThatThrownBy(() -> snapshots.read(subject)).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("rita-snapshot-sequence");
    }

    @Test
    void ensure_adopts_an_existing_snapshot_stream_and_keeps_its_snapshots() {
        String subject = events.name() + ".orders.5";
        snapshots.write(new Snapshot(subject, 5, "e5", 1, bytes("kept")));

        Rita.of(nats.connection()).snapshotStore(events.name()).ensure();

        assertThat(snapshots.read(subject)).get().extracting(Snapshot::sequence).isEqualTo(5L);
    }

    @Test
    void a_snapshot_store_has_one_to_five_replicas() {
        Rita rita = Rita.of(nats.connection());

        assertThatThrownBy(() -> rita.snapshotStore("orders", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replicas must be 1 to 5 (JetStream's limit), was 0");
        assertThatThrownBy(() -> rita.snapshotStore("orders", 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 6");
        assertThat(rita.snapshotStore("orders", 5).name()).isEqualTo("orders-snapshots");
    }

    @Test
    void an_asynchronous_read_gives_what_a_read_gives_and_fails_as_it_fails() throws Exception {
        String subject = events.name() + ".orders.6";
        snapshots.write(new Snapshot(subject, 6, "e6", 2, bytes("async")));
        nats.connection().jetStream().publish(NatsMessage.builder()
                .subject("$RITA.snapshots." + events.name() + "." + events.name() + ".orders.7").data(bytes("?")).build());

        assertThat(snapshots.readAsync(subject).get(10, TimeUnit.SECONDS)).get().satisfies(read -> {
            assertThat(read.sequence()).isEqualTo(6);
            assertThat(read.eventId()).isEqualTo("e6");
            assertThat(read.version()).isEqualTo(2);
            assertThat(read.data()).isEqualTo(bytes("async"));
        });
        assertThat(snapshots.readAsync(events.name() + ".nobody").get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(snapshots.readAsync(events.name() + ".orders.7")).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(EventStoreException.class)
                .withMessageContaining("rita-snapshot-sequence");
        assertThatThrownBy(() -> snapshots.readAsync(events.name() + ".orders.*"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_snapshot_store_never_created_fails_reads_at_once_saying_to_ensure_it() throws Exception {
        JetStreamSnapshotStore never = Rita.of(nats.connection()).snapshotStore(events.name() + "-never");
        String subject = events.name() + ".orders.8";

        assertThatThrownBy(() -> never.read(subject)).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("snapshot store '" + never.name() + "' does not exist")
                .hasMessageContaining("JetStreamSnapshotStore.ensure()");
        // not after the direct get's 5 s timeout, which is what nats-server 2.9 answers for a missing stream
        assertThat(never.readAsync(subject)).failsWithin(2, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(EventStoreException.class)
                .withMessageContaining("does not exist");

        Rita.of(nats.connection()).snapshotStore(events.name() + "-never").ensure(); // created by another process
        assertThat(never.read(subject)).isEmpty();
        // once the stream is there, reads ask for nothing but the snapshot
        try (Connection listener = nats.connect()) {
            Subscription infos = listener.subscribe("$JS.API.STREAM.INFO." + never.name());
            listener.flush(Duration.ofSeconds(5));
            assertThat(never.readAsync(subject).get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(never.read(subject)).isEmpty();
            listener.flush(Duration.ofSeconds(5));
            assertThat(infos.nextMessage(Duration.ofMillis(200))).as("a stream info request").isNull();
        }
    }

    @Test
    void after_a_read_that_timed_out_the_next_asks_whether_the_stream_is_still_there() throws Exception {
        String subject = events.name() + ".orders.9";
        assertThat(snapshots.read(subject)).isEmpty(); // the stream is known to be there: no more questions
        nats.server().pause(); // no answer: the direct get times out (5 s)
        try {
            assertThatThrownBy(() -> snapshots.read(subject)).isInstanceOf(StoreUnavailableException.class);
        } finally {
            nats.server().resume();
        }
        nats.connection().jetStreamManagement().deleteStream(snapshots.name());

        assertThatThrownBy(() -> snapshots.read(subject)).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("does not exist");
        snapshots.ensure();
        assertThat(snapshots.read(subject)).isEmpty();
        nats.server().pause();
        try {
            assertThat(snapshots.readAsync(subject)).failsWithin(10, TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class).havingCause()
                    .isInstanceOf(StoreUnavailableException.class);
        } finally {
            nats.server().resume();
        }
        nats.connection().jetStreamManagement().deleteStream(snapshots.name());

        assertThat(snapshots.readAsync(subject)).failsWithin(2, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class).havingCause().withMessageContaining("does not exist");
    }

    @Test
    void a_snapshot_store_deleted_under_a_running_one_says_so_in_its_own_words_to_writes_and_reads() throws Exception {
        JetStreamSnapshotStore gone = Rita.of(nats.connection()).snapshotStore(events.name() + "-gone");
        gone.ensure();
        String subject = events.name() + ".orders.10";
        assertThat(gone.read(subject)).isEmpty();
        nats.connection().jetStreamManagement().deleteStream(gone.name()); // by another process
        String remedy = " Create it with JetStreamSnapshotStore.ensure() (Rita.snapshotStore(...).ensure()), or turn"
                + " snapshots off; until then cold loads fold every event";

        assertThatThrownBy(() -> gone.write(new Snapshot(subject, 1, "e1", 1, bytes("state"))))
                .isInstanceOf(StoreSetupException.class)
                .hasMessage("cannot write the snapshot of " + subject + ": snapshot store '" + gone.name()
                        + "' does not exist, so nothing was stored." + remedy);
        // the write that found out has the next read ask first, instead of waiting 5 s for its direct get
        long started = System.nanoTime();
        assertThatThrownBy(() -> gone.read(subject))
                .isInstanceOf(StoreSetupException.class)
                .hasMessage("cannot read the snapshot of " + subject + ": snapshot store '" + gone.name()
                        + "' does not exist." + remedy);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_write_to_a_stream_adopted_with_other_subjects_says_which_subject_it_needs() throws Exception {
        String store = events.name() + "-odd";
        nats.connection().jetStreamManagement().addStream(io.nats.client.api.StreamConfiguration.builder()
                .name(store + "-snapshots").subjects(store + "-elsewhere.>").allowDirect(true).build());
        JetStreamSnapshotStore odd = Rita.of(nats.connection()).snapshotStore(store);
        odd.ensure(); // there: used as it is

        assertThatThrownBy(() -> odd.write(new Snapshot(store + ".1", 1, "e1", 1, bytes("state"))))
                .isInstanceOf(StoreSetupException.class)
                .hasMessage("cannot write the snapshot of " + store + ".1: store '" + store + "-snapshots' does not take"
                        + " $RITA.snapshots." + store + "." + store + ".1 (its subjects are [" + store
                        + "-elsewhere.>]), so nothing was stored. Append to a subject it takes, or add one to its"
                        + " subjects");
    }
}

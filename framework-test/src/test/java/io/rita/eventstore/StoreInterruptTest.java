package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Subscription;
import io.nats.client.api.StreamConfiguration;
import io.rita.internal.DirectGet;
import io.rita.internal.LeaderReads;
import io.rita.test.nats.NatsServerExtension;
import io.rita.types.Codec;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store call on an interrupted thread stops with an {@link EventStoreException} that says so,
 * and leaves the thread's interrupt flag set: code that stops its work on an interrupt (an
 * executor shutting down) must still see it after the store caught the {@link InterruptedException}.
 *
 * <p>A call is made to wait by pausing the server (SIGSTOP: no reply comes), or, where an earlier
 * step of the call needs the server, by leaving the stream's direct gets to a subscriber that
 * never answers; the thread is then interrupted while it waits.
 */
@Timeout(60)
class StoreInterruptTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    /** When the thread is interrupted. */
    enum Moment { BEFORE_THE_CALL, WHILE_IT_WAITS }

    private JetStreamEventStore store;
    private String subject;
    private Subscription silent;

    @BeforeEach
    void newStore(TestInfo test) {
        store = Rita.of(nats.connection()).eventStore("i" + Integer.toHexString(test.getDisplayName().hashCode()
                & 0x7fffffff));
        store.create();
        subject = store.name() + ".1";
    }

    @AfterEach
    void resume() {
        if (nats.server().isPaused()) {
            nats.server().resume();
        }
        if (silent != null) {
            silent.unsubscribe();
        }
    }

    private static Event event(String id) {
        return Event.of("noted", new byte[]{1}).withId(id);
    }

    /** Runs {@code call} with the server paused, interrupting it at {@code moment} while it waits in {@code where}. */
    private static InterruptedCall.Outcome onPausedServer(Moment moment, Class<?> where, Supplier<?> call) {
        nats.server().pause();
        try {
            return moment == Moment.BEFORE_THE_CALL ? InterruptedCall.before(call)
                    : InterruptedCall.whileWaitingIn(where, call);
        } finally {
            nats.server().resume();
        }
    }

    /**
     * Direct gets on the store's stream now reach a subscriber that never answers: the stream
     * stops answering them itself, and the request has a responder, so it waits out its timeout.
     */
    private void silenceDirectGets() throws Exception {
        JetStreamManagement management = nats.connection().jetStreamManagement();
        StreamConfiguration config = management.getStreamInfo(store.name()).getConfiguration();
        management.updateStream(StreamConfiguration.builder(config).allowDirect(false).build());
        Connection other = nats.connect();
        silent = other.subscribe("$JS.API.DIRECT.GET." + store.name());
        other.flush(java.time.Duration.ofSeconds(5));
    }

    private static void assertInterrupted(InterruptedCall.Outcome outcome, String message) {
        assertThat(outcome.thrown()).isExactlyInstanceOf(EventStoreException.class)
                .hasMessage(message)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(outcome.flagKept()).as("interrupt flag after the call").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void a_load_interrupted_while_it_reads_the_subjects_last_event_says_so_and_keeps_the_flag(Moment moment) {
        store.append(subject, List.of(event("a")));

        InterruptedCall.Outcome outcome = onPausedServer(moment, DirectGet.class, () -> store.load(subject));

        assertInterrupted(outcome, "interrupted while reading " + subject);
        assertThat(store.load(subject).events()).hasSize(1);
    }

    @Test
    void a_load_interrupted_while_it_reads_the_rest_of_the_subject_says_so_and_keeps_the_flag() {
        InterruptingCodec codec = new InterruptingCodec();
        JetStreamEventStore steps = Rita.of(nats.connection(), RitaOptions.defaults().withTypes(TypeRegistry.builder()
                .add("step", Step.class, codec).build())).eventStore(store.name());
        for (int number = 1; number <= 6; number++) {
            steps.append(subject, List.of(Event.of(new Step(number))));
        }
        // the first two come by direct get, the rest through a consumer: interrupted while it delivers
        codec.interruptAt = 3;

        InterruptedCall.Outcome outcome = InterruptedCall.byItself(() -> steps.load(subject));

        assertInterrupted(outcome, "interrupted while loading " + subject);
        codec.interruptAt = -1;
        assertThat(steps.load(subject).events()).hasSize(6);
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void a_snapshot_read_interrupted_while_it_waits_says_so_and_keeps_the_flag(Moment moment) {
        JetStreamSnapshotStore snapshots = Rita.of(nats.connection()).snapshotStore(store.name());
        snapshots.ensure();
        snapshots.write(new Snapshot(subject, 1, "a", 1, new byte[]{7}));

        InterruptedCall.Outcome outcome = onPausedServer(moment, DirectGet.class, () -> snapshots.read(subject));

        assertInterrupted(outcome, "interrupted while reading the snapshot of " + subject);
        assertThat(snapshots.read(subject)).get().satisfies(read -> assertThat(read.data()).containsExactly(7));
    }

    @Test
    void an_append_interrupted_while_it_checks_a_duplicate_says_so_and_keeps_the_flag() throws Exception {
        long first = store.append(subject, List.of(event("twice"))).sequence();
        silenceDirectGets();

        InterruptedCall.Outcome outcome = InterruptedCall.whileWaitingIn(DirectGet.class,
                () -> store.append(subject, List.of(event("twice"))));

        assertInterrupted(outcome, "interrupted while reading sequence " + first);
        assertThat(store.info().messages()).isEqualTo(1);
    }

    @Test
    void an_append_interrupted_while_it_reads_what_refused_its_expectation_says_so_and_keeps_the_flag()
            throws Exception {
        store.append(subject, List.of(event("first")), Expected.sequence(0));
        silenceDirectGets();

        InterruptedCall.Outcome outcome = InterruptedCall.whileWaitingIn(DirectGet.class,
                () -> store.append(subject, List.of(event("stale")), Expected.sequence(0)));

        assertInterrupted(outcome, "interrupted while reading " + subject);
        assertThat(store.info().messages()).isEqualTo(1);
    }

    /** A store in {@link AppendMode#STREAM_SEQUENCE} that has appended with an expectation once, so knows the stream's end. */
    private JetStreamEventStore sequenced() {
        JetStreamEventStore sequenced = Rita.of(nats.connection()).eventStore(StoreConfig.of(store.name())
                .withAppendMode(AppendMode.STREAM_SEQUENCE)).open();
        long first = sequenced.append(subject, List.of(event("s1")), Expected.sequence(0)).sequence();
        sequenced.append(subject, List.of(event("s2")), Expected.sequence(first));
        return sequenced;
    }

    @Test
    void a_stream_sequence_append_on_an_interrupted_thread_stores_nothing_and_keeps_the_flag() {
        JetStreamEventStore sequenced = sequenced();

        InterruptedCall.Outcome outcome = InterruptedCall.before(
                () -> sequenced.append(subject, List.of(event("s3")), Expected.sequence(2)));

        assertInterrupted(outcome, "interrupted while waiting to append to " + subject + "; nothing was stored");
        assertThat(store.info().messages()).isEqualTo(2);
    }

    @Test
    void a_stream_sequence_append_interrupted_while_it_waits_for_its_turn_stores_nothing_and_keeps_the_flag() {
        JetStreamEventStore sequenced = sequenced();
        nats.server().pause();
        InterruptedCall.Running holder = InterruptedCall.start(
                () -> sequenced.append(subject, List.of(event("held")), Expected.sequence(2)));
        InterruptedCall.Outcome waiter;
        try {
            holder.awaitWaitingIn(LeaderReads.class); // holds the store's turn while the server is paused
            waiter = InterruptedCall.whileWaitingIn(StreamSequenceAppend.class,
                    () -> sequenced.append(subject, List.of(event("waiter")), Expected.sequence(2)));
        } finally {
            nats.server().resume();
        }

        assertInterrupted(waiter, "interrupted while waiting to append to " + subject + "; nothing was stored");
        assertThat(holder.outcome().thrown()).isNull();
        assertThat(store.load(subject).events()).extracting(StoredEvent::id).containsExactly("s1", "s2", "held");
    }

    @Test
    void a_stream_sequence_append_interrupted_while_it_reads_the_subject_can_be_retried_with_the_same_ids() {
        JetStreamEventStore sequenced = sequenced();

        InterruptedCall.Outcome outcome = onPausedServer(Moment.WHILE_IT_WAITS, LeaderReads.class,
                () -> sequenced.append(subject, List.of(event("s3")), Expected.sequence(2)));

        assertInterrupted(outcome, "interrupted while appending to " + subject + "; the outcome is unknown:"
                + " retry with the same event ids, which stores them once");
        AppendResult retried = sequenced.append(subject, List.of(event("s3")), Expected.sequence(2));
        assertThat(retried.sequence()).isEqualTo(3);
        assertThat(store.load(subject).events()).extracting(StoredEvent::id).containsExactly("s1", "s2", "s3");
    }

    /** Calls whose waits jnats itself turns into an {@code IOException}: the flag must survive them too. */
    @Test
    void calls_that_fail_inside_jnats_on_an_interrupted_thread_keep_the_flag() {
        JetStreamSnapshotStore snapshots = Rita.of(nats.connection()).snapshotStore(store.name());
        snapshots.ensure();
        List<Supplier<?>> calls = List.of(
                store::lastSequence,
                () -> store.append(subject, List.of(event("plain"))),
                () -> {
                    snapshots.write(new Snapshot(subject, 1, "a", 1, new byte[0]));
                    return null;
                });

        for (Supplier<?> call : calls) {
            InterruptedCall.Outcome outcome = onPausedServer(Moment.BEFORE_THE_CALL, null, call);

            assertThat(outcome.thrown()).isInstanceOf(EventStoreException.class)
                    .isNotInstanceOf(StoreUnavailableException.class) // nothing to wait for: the caller interrupted
                    .hasMessageStartingWith("interrupted while trying to ")
                    .hasMessageNotContaining("nats-server running")
                    .hasRootCauseInstanceOf(InterruptedException.class);
            assertThat(outcome.flagKept()).as("interrupt flag after the call").isTrue();
        }
    }

    record Step(int number) {
    }

    /** JSON that interrupts the decoding thread at one step: an interrupt arriving in the middle of a load. */
    static final class InterruptingCodec implements Codec {

        volatile int interruptAt = -1;

        @Override
        public String name() {
            return "step-json";
        }

        @Override
        public byte[] encode(Object value) {
            return Codec.json().encode(value);
        }

        @Override
        public <T> T decode(byte[] data, Class<T> type) {
            T value = Codec.json().decode(data, type);
            if (value instanceof Step step && step.number() == interruptAt) {
                Thread.currentThread().interrupt();
            }
            return value;
        }
    }
}

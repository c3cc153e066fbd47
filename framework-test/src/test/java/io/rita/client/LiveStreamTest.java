package io.rita.client;

import io.nats.client.Connection;
import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Live streams through the client: history then live, several events of one append, closing, gaps. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveStreamTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Tally tally;
    private ServiceClient client;

    @BeforeEach
    void start(TestInfo test) {
        String name = "s" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        tally = Tally.start(nats.connection(), name);
        client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTypes(Tally.TYPES));
    }

    @AfterEach
    void stop() {
        client.close();
        tally.close();
    }

    private StoredEvent next(LiveStream stream) {
        return stream.poll(WAIT).orElseThrow(() -> new AssertionError("no event within " + WAIT));
    }

    private static int n(StoredEvent event) {
        return ((Tally.Added) event.data()).n();
    }

    @Test
    void delivers_the_history_then_live_events_decoded() {
        CommandResult first = client.send(tally.subject("a", "add"), new Tally.Add(1));
        client.send(tally.subject("a", "add"), new Tally.Add(2));
        client.send(tally.subject("b", "add"), new Tally.Add(9));

        try (LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams())) {
            List<StoredEvent> history = List.of(next(stream), next(stream));
            client.send(tally.subject("a", "add"), new Tally.Add(3));
            StoredEvent live = next(stream);

            assertThat(history).extracting(LiveStreamTest::n).containsExactly(1, 2);
            assertThat(n(live)).isEqualTo(3);
            assertThat(history.getFirst().subject()).isEqualTo(tally.events("a"));
            assertThat(history.getFirst().meta()).containsEntry("causation-id", first.commandId());
            assertThat(List.of(history.get(0), history.get(1), live)).extracting(StoredEvent::sequence)
                    .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
            assertThat(stream.subject()).startsWith(tally.streams() + ".");
        }
    }

    @Test
    void delivers_every_event_of_an_append_of_several() {
        tally.store.append(tally.events("a"), List.of(Event.of(new Tally.Added(1)), Event.of(new Tally.Added(2))));

        try (LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams())) {
            StoredEvent one = next(stream);
            StoredEvent two = next(stream);

            assertThat(List.of(n(one), n(two))).containsExactly(1, 2);
            assertThat(one.sequence()).isEqualTo(two.sequence());   // one message, one sequence
        }
    }

    @Test
    void an_event_the_registry_does_not_know_is_reported_and_the_stream_goes_on() {
        JetStreamEventStore raw = Rita.of(nats.connection(), RitaOptions.defaults())
                .eventStore(StoreConfig.of(tally.name).withSubjects(tally.name + ".events.>"));
        raw.append(tally.events("a"), List.of(Event.of("mystery", new byte[]{1, 2})));
        tally.store.append(tally.events("a"), List.of(Event.of(new Tally.Added(4))));

        try (LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams())) {
            ServiceCallException unknown = catchThrowableOfType(ServiceCallException.class, () -> next(stream));
            StoredEvent after = next(stream);

            assertThat(unknown.kind()).isEqualTo(ServiceCallException.Kind.UNREADABLE);
            assertThat(unknown.getMessage()).contains("mystery").contains(tally.events("a"));
            assertThat(n(after)).isEqualTo(4);
        }
    }

    @Test
    void closing_ends_a_waiting_reader_and_the_service_lets_the_stream_go() throws Exception {
        LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams());
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(stream::hasNext);

        stream.close();

        assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isFalse();
        assertThat(stream.isOpen()).isFalse();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!consumers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(consumers()).isEmpty();
    }

    @Test
    void closing_the_client_closes_its_streams() {
        LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams());

        client.close();

        assertThat(stream.isOpen()).isFalse();
        assertThat(stream.hasNext()).isFalse();
    }

    private List<String> consumers() throws Exception {
        return nats.connection().jetStreamManagement().getConsumerNames(tally.name);
    }

    @Test
    void a_reader_that_falls_behind_gets_the_events_it_holds_then_a_gap() throws Exception {
        for (int i = 1; i <= 200; i++) {
            tally.store.append(tally.events("a"), List.of(Event.of(new Tally.Added(i))));
        }
        ServiceClient small = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTypes(Tally.TYPES)
                .withStreamBuffer(5));

        try (LiveStream stream = small.stream(tally.subject("a", "watch"), tally.streams())) {
            awaitDelivered(small, 200);          // not a message read before the whole history is here
            List<Integer> read = new ArrayList<>();
            ServiceCallException gap = catchThrowableOfType(ServiceCallException.class, () -> {
                while (true) {
                    read.add(n(next(stream)));
                }
            });

            assertThat(read).containsExactly(1, 2, 3, 4, 5);
            assertThat(gap.kind()).isEqualTo(ServiceCallException.Kind.GAP);
            assertThat(gap.getMessage()).contains("lost 195 messages after message 5");
            assertThat(stream.isOpen()).isFalse();
        }
    }

    /** Waits until the server has sent {@code count} messages of the stream, and this client has them. */
    private void awaitDelivered(ServiceClient reader, long count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (delivered() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        reader.connection().flush(WAIT);   // the server sent them before it answers this ping
    }

    private long delivered() throws Exception {
        List<String> names = consumers();
        return names.isEmpty() ? 0 : nats.connection().jetStreamManagement().getConsumerInfo(tally.name, names.getFirst())
                .getDelivered().getConsumerSequence();
    }

    @Test
    void a_message_after_lost_ones_is_a_gap() throws Exception {
        for (int i = 1; i <= 200; i++) {
            tally.store.append(tally.events("a"), List.of(Event.of(new Tally.Added(i))));
        }
        ServiceClient small = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTypes(Tally.TYPES)
                .withStreamBuffer(5));

        try (LiveStream stream = small.stream(tally.subject("a", "watch"), tally.streams())) {
            awaitDelivered(small, 200);          // 1 to 5 held, 6 to 200 dropped by the client
            assertThat(n(next(stream))).isEqualTo(1);
            tally.store.append(tally.events("a"), List.of(Event.of(new Tally.Added(201))));
            awaitDelivered(small, 201);          // held behind 2 to 5: the jump shows before the drops do
            List<Integer> read = new ArrayList<>();
            ServiceCallException gap = catchThrowableOfType(ServiceCallException.class, () -> {
                while (true) {
                    read.add(n(next(stream)));
                }
            });

            assertThat(read).containsExactly(2, 3, 4, 5);
            assertThat(gap.kind()).isEqualTo(ServiceCallException.Kind.GAP);
            assertThat(gap.getMessage()).startsWith("the live stream on " + stream.subject()
                    + " skipped from message 5 to 201 (stream sequence ");
            assertThat(stream.isOpen()).isFalse();
        }
    }

    @Test
    void a_route_at_its_limit_is_unavailable_and_a_wrong_prefix_is_caught() {
        try (LiveStream holding = client.stream(tally.subject("a", "busy"), tally.name + ".busy")) {
            ServiceCallException busy = catchThrowableOfType(ServiceCallException.class,
                    () -> client.stream(tally.subject("a", "busy"), tally.name + ".busy"));

            assertThat(holding.isOpen()).isTrue();
            assertThat(busy.kind()).isEqualTo(ServiceCallException.Kind.UNAVAILABLE);
            assertThat(busy.getMessage()).isEqualTo("too many live streams of 'busy' (1); try again once an earlier "
                    + "client has gone");
        }
        ServiceCallException elsewhere = catchThrowableOfType(ServiceCallException.class,
                () -> client.stream(tally.subject("a", "watch"), tally.name + ".other"));
        assertThat(elsewhere.kind()).isEqualTo(ServiceCallException.Kind.FAILED);
        assertThat(elsewhere.getMessage()).contains("answered that it delivers to '" + tally.streams() + ".")
                .contains("not to '" + tally.name + ".other.");
    }

    /** Runs {@code call} on another thread and gives its result, failing when it takes longer than {@link #WAIT}. */
    private static <T> T within(Supplier<T> call) throws Exception {
        return CompletableFuture.supplyAsync(call).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Whether {@code reader} still receives what is published to {@code subject}: a message
     * published and flushed through the test kit's connection reaches the reader before the
     * answer to the reader's own flush, so the count is final when the flush returns.
     */
    static boolean receives(ServiceClient reader, Connection other, String subject) throws Exception {
        // the reader's own protocol (an UNSUB just sent) reaches the server before the publish
        reader.connection().flush(WAIT);
        long before = reader.connection().getStatistics().getInMsgs();
        other.publish(subject, new byte[0]);
        other.flush(WAIT);
        reader.connection().flush(WAIT);
        return reader.connection().getStatistics().getInMsgs() > before;
    }

    @Test
    void has_next_waits_for_an_event_without_taking_it_and_next_takes_it() throws Exception {
        try (LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams())) {
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(stream::hasNext);
            client.send(tally.subject("a", "add"), new Tally.Add(1));
            client.send(tally.subject("a", "add"), new Tally.Add(2));

            assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(within(stream::hasNext)).as("asking again takes nothing").isTrue();
            assertThat(n(within(stream::next))).isEqualTo(1);
            assertThat(n(within(stream::next))).isEqualTo(2);
        }
    }

    @Test
    void next_on_a_closed_stream_says_it_is_closed() {
        LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams());
        stream.close();

        assertThatThrownBy(stream::next).isInstanceOf(NoSuchElementException.class)
                .hasMessage("the live stream on " + stream.subject() + " is closed");
    }

    /** A poll is bounded by its own timeout, however short, and an empty poll leaves the stream open. */
    @Test
    void a_poll_without_an_event_is_empty_at_its_deadline_and_the_stream_goes_on() throws Exception {
        try (LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams())) {
            assertThat(within(() -> stream.poll(Duration.ofMillis(300)))).isEmpty();
            assertThat(within(() -> stream.poll(Duration.ZERO))).isEmpty();
            assertThat(stream.isOpen()).isTrue();

            client.send(tally.subject("a", "add"), new Tally.Add(1));

            assertThat(n(next(stream))).isEqualTo(1);
        }
    }

    @Test
    void closing_unsubscribes_the_delivery_subject_and_the_client_forgets_the_stream() throws Exception {
        LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams());
        assertThat(client.streams()).contains(stream);
        assertThat(receives(client, nats.connection(), stream.subject())).as("before closing").isTrue();

        stream.close();
        stream.close();   // idempotent

        assertThat(client.streams()).doesNotContain(stream);
        assertThat(receives(client, nats.connection(), stream.subject())).as("after closing").isFalse();
    }

    @Test
    void a_stream_whose_connection_closes_says_so_and_closes() throws Exception {
        Connection own = nats.connect();
        ServiceClient mine = ServiceClient.of(own, ClientOptions.defaults().withTypes(Tally.TYPES));
        LiveStream stream = mine.stream(tally.subject("a", "watch"), tally.streams());

        own.close();

        ServiceCallException lost = catchThrowableOfType(ServiceCallException.class, () -> next(stream));
        assertThat(lost.kind()).isEqualTo(ServiceCallException.Kind.CONNECTION);
        assertThat(lost.getMessage()).isEqualTo("the connection to NATS closed while following " + stream.subject());
        assertThat(stream.isOpen()).isFalse();
        assertThat(mine.streams()).isEmpty();
        stream.close();   // on a closed connection: nothing to undo, and no complaint
    }
}

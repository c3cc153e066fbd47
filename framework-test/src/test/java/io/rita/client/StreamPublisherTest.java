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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A live stream as a {@link Flow.Publisher}: as much as requested, no more; cancelling stops it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamPublisherTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private Tally tally;
    private ServiceClient client;

    @BeforeEach
    void start(TestInfo test) {
        String name = "p" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        tally = Tally.start(nats.connection(), name);
        client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTypes(Tally.TYPES));
    }

    @AfterEach
    void stop() {
        client.close();
        tally.close();
    }

    /** Records every signal; requests only what the test asks for. */
    static class Recorder implements Flow.Subscriber<StoredEvent> {
        final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(StoredEvent item) {
            signals.add(((Tally.Added) item.data()).n());
        }

        @Override
        public void onError(Throwable throwable) {
            signals.add(throwable);
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }

        Object next(Duration wait) throws InterruptedException {
            Object signal = signals.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (signal == null) {
                throw new AssertionError("no signal within " + wait);
            }
            return signal;
        }
    }

    @Test
    void delivers_as_many_events_as_requested_and_no_more() throws Exception {
        for (int n : List.of(1, 2, 3)) {
            client.send(tally.subject("a", "add"), new Tally.Add(n));
        }
        Recorder recorder = new Recorder();

        watch(recorder);
        recorder.subscription.request(2);

        assertThat(List.of(recorder.next(Duration.ofSeconds(10)), recorder.next(Duration.ofSeconds(10))))
                .containsExactly(1, 2);
        // the third is there to be had, but nobody asked for it
        assertThat(recorder.signals.poll(500, TimeUnit.MILLISECONDS)).isNull();
        recorder.subscription.request(1);
        assertThat(recorder.next(Duration.ofSeconds(10))).isEqualTo(3);
        recorder.subscription.cancel();
    }

    @Test
    void cancelling_stops_the_stream_and_the_service_lets_it_go() throws Exception {
        Recorder recorder = new Recorder();
        watch(recorder);
        recorder.subscription.request(Long.MAX_VALUE);
        client.send(tally.subject("a", "add"), new Tally.Add(1));
        assertThat(recorder.next(Duration.ofSeconds(10))).isEqualTo(1);

        recorder.subscription.cancel();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!nats.connection().jetStreamManagement().getConsumerNames(tally.name).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(nats.connection().jetStreamManagement().getConsumerNames(tally.name)).isEmpty();
        client.send(tally.subject("a", "add"), new Tally.Add(2));
        assertThat(recorder.signals.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void a_stream_that_cannot_start_is_an_error_and_a_bad_request_of_the_subscriber_too() throws Exception {
        Recorder nobody = new Recorder();
        client.publisher("nobody.services.a.watch", "nobody.streams").subscribe(nobody);
        Recorder greedy = new Recorder();
        watch(greedy);

        greedy.subscription.request(0);

        assertThat(nobody.next(Duration.ofSeconds(10))).isInstanceOfSatisfying(ServiceCallException.class,
                e -> assertThat(e.kind()).isEqualTo(ServiceCallException.Kind.NO_RESPONDERS));
        assertThat(greedy.next(Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Waits until {@code client} holds no open live stream: the pump has closed the one it ran. */
    private static void awaitReleased(ServiceClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!client.streams().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.streams()).as("the live streams the client still holds").isEmpty();
    }

    @Test
    void the_demand_of_several_requests_adds_up() throws Exception {
        Recorder recorder = new Recorder();
        watch(recorder);
        // both requests come before there is anything to deliver: neither may replace the other
        recorder.subscription.request(1);
        recorder.subscription.request(1);

        for (int n : List.of(1, 2, 3)) {
            client.send(tally.subject("a", "add"), new Tally.Add(n));
        }

        assertThat(List.of(recorder.next(Duration.ofSeconds(10)), recorder.next(Duration.ofSeconds(10))))
                .containsExactly(1, 2);
        assertThat(recorder.signals.poll(500, TimeUnit.MILLISECONDS)).isNull();
        recorder.subscription.cancel();
    }

    /** Rule 3.17: demand that adds up beyond {@code Long.MAX_VALUE} is unbounded, not negative or none. */
    @Test
    void demand_that_adds_up_beyond_long_max_value_stays_unbounded() throws Exception {
        Recorder recorder = new Recorder();
        watch(recorder);
        recorder.subscription.request(Long.MAX_VALUE);
        recorder.subscription.request(Long.MAX_VALUE);
        recorder.subscription.request(1);

        for (int n : List.of(1, 2, 3)) {
            client.send(tally.subject("a", "add"), new Tally.Add(n));
        }

        assertThat(List.of(recorder.next(Duration.ofSeconds(10)), recorder.next(Duration.ofSeconds(10)),
                recorder.next(Duration.ofSeconds(10)))).containsExactly(1, 2, 3);
        recorder.subscription.cancel();
    }

    /** Rule 3.9 for a negative request, in the middle of a stream: one onError, then nothing, and the stream goes. */
    @Test
    void a_negative_request_ends_the_subscription_with_one_error() throws Exception {
        Recorder recorder = new Recorder();
        watch(recorder);
        recorder.subscription.request(Long.MAX_VALUE);
        client.send(tally.subject("a", "add"), new Tally.Add(1));
        assertThat(recorder.next(Duration.ofSeconds(10))).isEqualTo(1);

        recorder.subscription.request(-1);

        assertThat(recorder.next(Duration.ofSeconds(10))).isInstanceOfSatisfying(IllegalArgumentException.class,
                e -> assertThat(e).hasMessage("request(-1): a subscriber must request at least 1"));
        awaitReleased(client);
        client.send(tally.subject("a", "add"), new Tally.Add(2));
        assertThat(recorder.signals.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    /** A stream that ends without an error (here: its client closed it) completes the subscriber, once. */
    @Test
    void a_stream_closed_under_its_subscriber_completes_it_once() throws Exception {
        Recorder recorder = new Recorder();
        watch(recorder);
        recorder.subscription.request(Long.MAX_VALUE);
        client.send(tally.subject("a", "add"), new Tally.Add(1));
        assertThat(recorder.next(Duration.ofSeconds(10))).isEqualTo(1);

        client.close();

        assertThat(recorder.next(Duration.ofSeconds(10))).isEqualTo("complete");
        assertThat(recorder.signals.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    /** An event the client cannot decode ends the subscription (onError, once) and releases the stream. */
    @Test
    void an_unreadable_event_is_an_error_once_and_releases_the_stream() throws Exception {
        JetStreamEventStore raw = Rita.of(nats.connection(), RitaOptions.defaults())
                .eventStore(StoreConfig.of(tally.name).withSubjects(tally.name + ".events.>"));
        raw.append(tally.events("a"), List.of(Event.of("mystery", new byte[]{1, 2})));
        tally.store.append(tally.events("a"), List.of(Event.of(new Tally.Added(4))));
        Recorder recorder = new Recorder();

        watch(recorder);
        recorder.subscription.request(Long.MAX_VALUE);

        assertThat(recorder.next(Duration.ofSeconds(10))).isInstanceOfSatisfying(ServiceCallException.class,
                e -> assertThat(e.kind()).isEqualTo(ServiceCallException.Kind.UNREADABLE));
        awaitReleased(client);
        assertThat(recorder.signals.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    /** A subscriber that cancels in onSubscribe (rule 3.5 lets it) costs the service nothing: no stream starts. */
    @Test
    void a_subscriber_that_cancels_at_once_starts_no_stream() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        StreamPublisher publisher = new StreamPublisher(() -> {
            started.countDown();
            return client.stream(tally.subject("a", "watch"), tally.streams());
        });

        publisher.subscribe(new Recorder() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }
        });

        assertThat(started.await(1, TimeUnit.SECONDS)).as("the stream was started").isFalse();
    }

    /** The end comes without demand (rules 1.4 and 1.5): a subscriber that asks for nothing still hears of it. */
    @Test
    void a_stream_closed_while_nothing_is_requested_completes_the_subscriber() throws Exception {
        Recorder recorder = new Recorder();
        watch(recorder);
        awaitStarted(client);

        client.close();

        assertThat(recorder.next(Duration.ofSeconds(10))).isEqualTo("complete");
        assertThat(recorder.signals.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    /** A connection closed under a stream that nobody asks of is an error the subscriber hears without asking. */
    @Test
    void a_connection_closed_while_nothing_is_requested_is_an_error_without_demand() throws Exception {
        Connection own = nats.connect();
        ServiceClient ownClient = ServiceClient.of(own, ClientOptions.defaults().withTypes(Tally.TYPES)
                .withStreamHeartbeat(Duration.ofMillis(500)));
        Recorder recorder = new Recorder();
        ownClient.publisher(tally.subject("a", "watch"), tally.streams()).subscribe(recorder);
        awaitStarted(ownClient);
        // heartbeats wait unread in the subscription, as they do for a subscriber that asks for nothing
        long received = own.getStatistics().getInMsgs();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (own.getStatistics().getInMsgs() < received + 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(own.getStatistics().getInMsgs()).as("heartbeats received").isGreaterThanOrEqualTo(received + 2);

        own.close(); // the connection, not the client: the stream learns of it only by looking

        assertThat(recorder.next(Duration.ofSeconds(10))).isInstanceOfSatisfying(ServiceCallException.class,
                e -> assertThat(e.kind()).isEqualTo(ServiceCallException.Kind.CONNECTION));
        awaitReleased(ownClient);
    }

    /** A subscriber that throws from onNext has broken rule 2.13: it is cancelled, and not sent its own error. */
    @Test
    void a_subscriber_that_throws_is_cancelled_and_not_told_its_own_error() throws Exception {
        client.send(tally.subject("a", "add"), new Tally.Add(1));
        client.send(tally.subject("a", "add"), new Tally.Add(2));
        Recorder recorder = new Recorder() {
            @Override
            public void onNext(StoredEvent item) {
                super.onNext(item);
                throw new IllegalStateException("the subscriber's own bug");
            }
        };

        watch(recorder);
        recorder.subscription.request(Long.MAX_VALUE);

        assertThat(recorder.next(Duration.ofSeconds(10))).isEqualTo(1);
        awaitReleased(client);
        assertThat(recorder.signals.poll(300, TimeUnit.MILLISECONDS)).as("no second event, no onError").isNull();
    }

    /** One terminal signal, even when the subscriber throws from it (rules 1.7 and 2.13). */
    @Test
    void a_subscriber_that_throws_from_on_complete_gets_no_on_error_after_it() throws Exception {
        Recorder recorder = new Recorder() {
            @Override
            public void onComplete() {
                super.onComplete();
                throw new IllegalStateException("the subscriber's own bug");
            }
        };
        watch(recorder);
        recorder.subscription.request(1);
        awaitStarted(client);

        client.close();

        assertThat(recorder.next(Duration.ofSeconds(10))).isEqualTo("complete");
        assertThat(recorder.signals.poll(500, TimeUnit.MILLISECONDS)).as("no onError after onComplete").isNull();
    }

    /** A subscriber that cancelled while its stream was starting hears nothing of a failed start (rule 3.6 asks for no signals after a cancel). */
    @Test
    void a_start_that_fails_after_the_subscriber_cancelled_signals_nothing() throws Exception {
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        Recorder recorder = new Recorder();
        StreamPublisher publisher = new StreamPublisher(() -> {
            starting.countDown();
            try {
                cancelled.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("no stream today");
        });

        publisher.subscribe(recorder);
        assertThat(starting.await(10, TimeUnit.SECONDS)).isTrue();
        recorder.subscription.cancel();
        cancelled.countDown();

        assertThat(recorder.signals.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    /** Subscribes {@code subscriber} to the live stream of tally {@code a}, through the test's client. */
    private void watch(Flow.Subscriber<StoredEvent> subscriber) {
        client.publisher(tally.subject("a", "watch"), tally.streams()).subscribe(subscriber);
    }

    /** Waits until {@code client} holds a live stream: the pump has started the one it runs. */
    private static void awaitStarted(ServiceClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.streams().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.streams()).as("the live streams the client holds").isNotEmpty();
    }
}

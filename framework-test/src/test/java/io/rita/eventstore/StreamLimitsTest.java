package io.rita.eventstore;

import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streams whose limits would lose or refuse events: {@code ensure()} does not adopt one that
 * deletes messages by itself, nor do {@code open()} and {@code update()} use one (its appends would be acknowledged and then lost), and an append
 * that a full stream refuses says that nothing was stored and what to change: not "unavailable,
 * send it again", which can never help.
 */
@Timeout(60)
class StreamLimitsTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static String name(TestInfo test) {
        return "l" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
    }

    /** A stream made by hand (or another program) for the store {@code name}, with {@code limits}. */
    private static void streamWith(String name, UnaryOperator<StreamConfiguration.Builder> limits) throws Exception {
        nats.connection().jetStreamManagement().addStream(limits.apply(StreamConfiguration.builder().name(name)
                .subjects(name + ".>").storageType(StorageType.File)).build());
    }

    /** What ensure(), open() and update() say of a stream that deletes messages. */
    private static String refusal(String name, String said, String notDone) {
        return "stream '" + name + "' exists but deletes messages: " + said + ". An event store keeps every event, so"
                + " it is not " + notDone + ": remove the limit (nats stream edit " + name + "), or use another store"
                + " name";
    }

    static Stream<Arguments> limitsThatDeleteEvents() {
        return Stream.of(
                Arguments.of((UnaryOperator<StreamConfiguration.Builder>) b -> b.retentionPolicy(RetentionPolicy.WorkQueue),
                        "its retention is workqueue (messages go once consumed), not limits"),
                Arguments.of((UnaryOperator<StreamConfiguration.Builder>) b -> b.maxAge(Duration.ofHours(1)),
                        "it keeps messages for PT1H at most (max age)"),
                Arguments.of((UnaryOperator<StreamConfiguration.Builder>) b -> b.maxMessagesPerSubject(1),
                        "it keeps 1 message(s) per subject at most, discarding the oldest"),
                Arguments.of((UnaryOperator<StreamConfiguration.Builder>) b -> b.maxMessagesPerSubject(1)
                        .discardPolicy(DiscardPolicy.New), // discard new without "per subject": the oldest go
                        "it keeps 1 message(s) per subject at most, discarding the oldest"),
                Arguments.of((UnaryOperator<StreamConfiguration.Builder>) b -> b.maxMessages(10),
                        "it keeps 10 message(s) at most, discarding the oldest"),
                Arguments.of((UnaryOperator<StreamConfiguration.Builder>) b -> b.maxBytes(1 << 20),
                        "it keeps 1048576 bytes at most, discarding the oldest"));
    }

    @ParameterizedTest
    @MethodSource("limitsThatDeleteEvents")
    void ensure_does_not_adopt_a_stream_that_deletes_messages(UnaryOperator<StreamConfiguration.Builder> limits,
                                                             String said, TestInfo test) throws Exception {
        String name = name(test);
        streamWith(name, limits);

        assertThatThrownBy(() -> Rita.of(nats.connection()).eventStore(name).ensure())
                .isExactlyInstanceOf(EventStoreException.class)
                .hasMessage(refusal(name, said, "adopted"));
        assertThat(nats.connection().jetStreamManagement().getStreamInfo(name).getConfiguration().getAllowDirect())
                .as("left as it was").isFalse();
    }

    @ParameterizedTest
    @MethodSource("limitsThatDeleteEvents")
    void open_and_update_refuse_a_stream_that_deletes_messages(UnaryOperator<StreamConfiguration.Builder> limits,
                                                               String said, TestInfo test) throws Exception {
        String name = name(test);
        streamWith(name, limits);
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(name);

        assertThatThrownBy(store::open).isExactlyInstanceOf(EventStoreException.class)
                .hasMessage(refusal(name, said, "opened"));
        assertThatThrownBy(store::update).isExactlyInstanceOf(EventStoreException.class)
                .hasMessage(refusal(name, said, "updated"));
        assertThat(nats.connection().jetStreamManagement().getStreamInfo(name).getConfiguration().getAllowDirect())
                .as("left as it was").isFalse();
    }

    @Test
    void ensure_adopts_a_stream_whose_limits_refuse_new_messages_and_an_append_it_refuses_stores_nothing(
            TestInfo test) throws Exception {
        String name = name(test);
        streamWith(name, b -> b.maxMessages(1).discardPolicy(DiscardPolicy.New));
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(name);
        store.ensure();
        store.open(); // refuses only limits that delete
        store.append(name + ".a", List.of(Event.of("noted", new byte[]{1})), Expected.sequence(0));
        String refused = "cannot append to " + name + ".b: the stream of store '" + name + "' refused it (maximum"
                + " messages exceeded), so nothing was stored. A limit it was set up with (maximum messages, bytes or"
                + " messages per subject, with discard new) leaves no room: raise or remove the limit (an event store"
                + " keeps every event)";

        assertThatThrownBy(() -> store.append(name + ".b", List.of(Event.of("noted", new byte[]{2})), Expected.any()))
                .isInstanceOf(EventStoreException.class).isNotInstanceOf(StoreUnavailableException.class)
                .hasMessage(refused);
        assertThat(store.appendAsync(name + ".b", List.of(Event.of("noted", new byte[]{3})), Expected.any()))
                .failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingCause()
                .isInstanceOf(EventStoreException.class).isNotInstanceOf(StoreUnavailableException.class)
                .withMessage(refused);
        assertThat(store.load(name + ".b").events()).isEmpty();
        assertThat(store.load(name + ".a").events()).hasSize(1);
    }

    /** A per-subject limit with discard new per subject refuses a subject's next message: nothing is lost. */
    @Test
    void ensure_adopts_a_stream_whose_per_subject_limit_refuses_new_messages(TestInfo test) throws Exception {
        String name = name(test);
        streamWith(name, b -> b.maxMessagesPerSubject(1).discardPolicy(DiscardPolicy.New).discardNewPerSubject(true));
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(name);
        store.ensure();
        store.append(name + ".a", List.of(Event.of("noted", new byte[]{1})), Expected.sequence(0));

        assertThatThrownBy(() -> store.append(name + ".a", List.of(Event.of("noted", new byte[]{2})), Expected.any()))
                .isInstanceOf(EventStoreException.class).isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("refused it (maximum messages per subject exceeded), so nothing was stored");
        assertThat(store.load(name + ".a").events()).hasSize(1);
    }
}

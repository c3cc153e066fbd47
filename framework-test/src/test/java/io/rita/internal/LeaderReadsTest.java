package io.rita.internal;

import io.nats.client.JetStreamApiException;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The leader's message gets ({@link LeaderReads}) and the choice between them and direct gets
 * ({@link MessageReads}), on one server, where the only copy is the leader: the replicated read
 * path gives the same messages as the direct one, and goes where it says.
 */
@Timeout(60)
class LeaderReadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private JetStreamEventStore store;
    private LeaderReads leader;
    private DirectGet direct;

    @BeforeEach
    void newStore(TestInfo test) throws Exception {
        String name = "l" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        store = Rita.of(nats.connection()).eventStore(name);
        store.create();
        leader = new LeaderReads(nats.connection(), nats.connection().jetStreamManagement(), name, TIMEOUT);
        direct = new DirectGet(nats.connection(), name, TIMEOUT);
        for (int i = 1; i <= 3; i++) { // a at 1, 3, 5; b at 2, 4, 6
            store.append(name + ".a", List.of(Event.of("noted", new byte[]{(byte) i}).withId("a-" + i)), Expected.any());
            store.append(name + ".b", List.of(Event.of("noted", new byte[]{(byte) -i}).withId("b-" + i)), Expected.any());
        }
    }

    @Test
    void reads_the_last_the_next_and_a_given_message_as_stored() throws Exception {
        assertThat(leader.last(store.name() + ".a")).get().satisfies(m -> {
            assertThat(m.subject()).isEqualTo(store.name() + ".a");
            assertThat(m.sequence()).isEqualTo(5);
            assertThat(m.data()).containsExactly(3);
            assertThat(m.headers().getFirst("Nats-Msg-Id")).isEqualTo("a-3");
        });
        assertThat(leader.next(store.name() + ".b", 3)).get().extracting(StoredMessage::sequence).isEqualTo(4L);
        assertThat(leader.at(2)).get().satisfies(m -> {
            assertThat(m.subject()).isEqualTo(store.name() + ".b");
            assertThat(m.data()).containsExactly(-1);
        });
        assertThat(leader.lastSequence()).isEqualTo(6);
    }

    @Test
    void answers_empty_where_there_is_no_such_message() throws Exception {
        assertThat(leader.last(store.name() + ".none")).isEmpty();
        assertThat(leader.next(store.name() + ".a", 6)).isEmpty();
        assertThat(leader.at(7)).isEmpty();
    }

    @Test
    void a_stream_that_does_not_exist_is_an_error_not_an_empty_answer() {
        LeaderReads nowhere = new LeaderReads(nats.connection(), null, "missing", TIMEOUT);

        assertThatThrownBy(() -> nowhere.last("missing.a"))
                .isInstanceOfSatisfying(JetStreamApiException.class,
                        e -> assertThat(e.getApiErrorCode()).isEqualTo(10059)); // stream not found
    }

    @Test
    void gives_what_a_direct_get_gives() throws Exception {
        for (long sequence = 1; sequence <= 6; sequence++) {
            StoredMessage fromLeader = leader.at(sequence).orElseThrow();
            StoredMessage fromDirect = StoredMessage.fromDirectGet(direct.at(sequence).orElseThrow());
            assertThat(fromLeader.subject()).isEqualTo(fromDirect.subject());
            assertThat(fromLeader.sequence()).isEqualTo(fromDirect.sequence()).isEqualTo(sequence);
            assertThat(fromLeader.data()).isEqualTo(fromDirect.data());
            assertThat(fromLeader.headers().getFirst("Nats-Msg-Id")).isEqualTo(fromDirect.headers().getFirst("Nats-Msg-Id"));
        }
    }

    @Test
    void message_reads_go_to_the_leader_on_a_replicated_stream_and_to_any_copy_otherwise() throws Exception {
        String a = store.name() + ".a";
        boolean[] replicated = {true};
        MessageReads reads = new MessageReads(direct, leader, () -> replicated[0]);

        List<String> toLeader = requestsDuring(() -> {
            assertThat(reads.last(a)).get().extracting(StoredMessage::sequence).isEqualTo(5L);
            assertThat(reads.at(3)).get().extracting(StoredMessage::subject).isEqualTo(a);
        });
        replicated[0] = false;
        List<String> toAny = requestsDuring(() -> {
            assertThat(reads.last(a)).get().extracting(StoredMessage::sequence).isEqualTo(5L);
            assertThat(reads.at(3)).get().extracting(StoredMessage::subject).isEqualTo(a);
        });

        assertThat(toLeader).containsOnly("$JS.API.STREAM.MSG.GET." + store.name()).hasSize(2);
        assertThat(toAny).containsOnly("$JS.API.DIRECT.GET." + store.name()).hasSize(2);
        assertThat(reads.at(9)).isEmpty();
        replicated[0] = true;
        assertThat(reads.at(9)).isEmpty();
        assertThat(reads.last(store.name() + ".none")).isEmpty();
    }

    /** The subjects of the JetStream API requests sent while {@code reads} ran. */
    private List<String> requestsDuring(Reads reads) throws Exception {
        try (ApiRequests requests = ApiRequests.listen(nats)) {
            reads.run();
            return requests.drain().stream().map(ApiRequests.Request::subject).toList();
        }
    }

    @FunctionalInterface
    private interface Reads {
        void run() throws Exception;
    }
}

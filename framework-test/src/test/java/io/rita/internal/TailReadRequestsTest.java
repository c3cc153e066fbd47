package io.rita.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.Rita;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownTypes;
import io.rita.internal.ApiRequests.Request;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a load reads a subject's tail, seen from the wire: a listener on {@code $JS.API.>} sees
 * every request the store sends. Tails of one or two events take direct gets only; longer ones one
 * consumer, started at the read's position when that lies in the subject's second half and from
 * the subject's start when in its first (where a filtered consumer starting mid-subject is slow on
 * nats-server 2.9). {@code JetStreamTailsTest} checks what is read; this checks what it costs.
 */
@Timeout(60)
class TailReadRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private JetStreamEventStore store;
    private ApiRequests requests;
    private String subject;

    @BeforeEach
    void newStore(TestInfo test) throws Exception {
        String name = "t" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        store = Rita.of(nats.connection()).eventStore(name);
        store.create();
        subject = name + ".a";
        requests = ApiRequests.listen(nats);
    }

    @AfterEach
    void closeListener() throws InterruptedException {
        requests.close();
    }

    /** {@code count} events on the subject, each followed by one of another subject: stream sequences 1, 3, 5, ... */
    private void interleaved(int count) {
        for (int i = 0; i < count; i++) {
            store.append(subject, List.of(Event.of("noted", new byte[]{(byte) i})), Expected.any());
            store.append(store.name() + ".b", List.of(Event.of("noted", new byte[]{(byte) i})), Expected.any());
        }
    }

    /** Loads after {@code after} and returns the requests it sent, checking that it read the right events. */
    private List<Request> load(long after, int count) throws Exception {
        requests.drain();
        LoadResult loaded = store.load(subject, after);
        assertThat(loaded.events()).extracting(StoredEvent::sequence).as("what the load read")
                .isEqualTo(interleavedAfter(after, count));
        return requests.drain();
    }

    /** The sequences of the subject's events after {@code after}, as {@link #interleaved} stored them. */
    private static List<Long> interleavedAfter(long after, int count) {
        List<Long> sequences = new ArrayList<>();
        for (long sequence = 1; sequence <= 2L * count - 1; sequence += 2) {
            if (sequence > after) {
                sequences.add(sequence);
            }
        }
        return sequences;
    }

    private static List<Request> directGets(List<Request> requests) {
        return requests.stream().filter(r -> r.subject().startsWith("$JS.API.DIRECT.GET.")).toList();
    }

    private static List<JsonNode> consumers(List<Request> requests) throws Exception {
        List<JsonNode> configs = new ArrayList<>();
        for (Request request : requests) {
            if (request.subject().startsWith("$JS.API.CONSUMER.CREATE.")) {
                configs.add(JSON.readTree(request.body()).path("config"));
            }
        }
        return configs;
    }

    @Test
    void one_event_takes_the_cut_off_and_the_first_read_sent_together_and_no_consumer() throws Exception {
        interleaved(1);

        List<Request> sent = load(0, 1);

        assertThat(directGets(sent)).extracting(Request::body)
                .containsExactlyInAnyOrder("{\"last_by_subj\":\"" + subject + "\"}",
                        "{\"seq\":1,\"next_by_subj\":\"" + subject + "\"}");
        assertThat(consumers(sent)).isEmpty();
    }

    @Test
    void two_events_take_one_more_direct_get_and_no_consumer() throws Exception {
        interleaved(2);

        List<Request> sent = load(0, 2);

        assertThat(directGets(sent)).extracting(Request::body).contains(
                "{\"seq\":2,\"next_by_subj\":\"" + subject + "\"}").hasSize(3);
        assertThat(consumers(sent)).isEmpty();
    }

    @Test
    void a_whole_subject_of_more_events_takes_two_direct_gets_then_one_consumer_from_the_start() throws Exception {
        interleaved(10);

        List<Request> sent = load(0, 10);

        assertThat(directGets(sent)).hasSize(3); // cut-off, first, second: the subject's start is known from them
        assertThat(consumers(sent)).singleElement().satisfies(config -> {
            assertThat(config.path("deliver_policy").asText()).isEqualTo("all");
            assertThat(config.path("filter_subject").asText()).isEqualTo(subject);
        });
    }

    @Test
    void a_tail_in_the_second_half_starts_its_consumer_after_the_direct_gets() throws Exception {
        interleaved(20); // the subject at 1, 3, ..., 39

        List<Request> sent = load(29, 20); // 31, 33 by direct get, then 35, 37, 39

        assertThat(directGets(sent)).extracting(Request::body).contains(
                "{\"seq\":30,\"next_by_subj\":\"" + subject + "\"}",
                "{\"seq\":32,\"next_by_subj\":\"" + subject + "\"}",
                "{\"seq\":1,\"next_by_subj\":\"" + subject + "\"}").hasSize(4); // and the cut-off
        assertThat(consumers(sent)).singleElement().satisfies(config -> {
            assertThat(config.path("deliver_policy").asText()).isEqualTo("by_start_sequence");
            assertThat(config.path("opt_start_seq").asLong()).isEqualTo(34);
        });
    }

    @Test
    void a_tail_in_the_first_half_delivers_the_subject_from_its_start() throws Exception {
        interleaved(20);

        List<Request> sent = load(3, 20); // 5, 7 by direct get, then 9 ... 39

        assertThat(directGets(sent)).extracting(Request::body).contains(
                "{\"seq\":1,\"next_by_subj\":\"" + subject + "\"}");
        assertThat(consumers(sent)).singleElement()
                .satisfies(config -> assertThat(config.path("deliver_policy").asText()).isEqualTo("all"));
    }

    @Test
    void a_tail_that_may_need_a_consumer_asks_where_the_subject_starts_alongside_the_direct_gets() throws Exception {
        interleaved(20);

        List<Request> sent = load(35, 20); // 37 and 39: a span of four sequences could have held more

        assertThat(directGets(sent)).extracting(Request::body).hasSize(4)
                .contains("{\"seq\":1,\"next_by_subj\":\"" + subject + "\"}");
        assertThat(consumers(sent)).isEmpty();
    }

    @Test
    void a_tail_within_two_sequences_never_asks_where_the_subject_starts() throws Exception {
        interleaved(20);

        List<Request> sent = load(37, 20); // 39, with 38 of another subject before it

        assertThat(directGets(sent)).extracting(Request::body).hasSize(2)
                .doesNotContain("{\"seq\":1,\"next_by_subj\":\"" + subject + "\"}");
        assertThat(consumers(sent)).isEmpty();
    }

    @Test
    void a_tail_of_the_last_event_alone_is_the_cut_off() throws Exception {
        interleaved(20);

        List<Request> sent = load(38, 20); // 39: the cut-off message itself

        assertThat(directGets(sent)).hasSize(2); // the cut-off, and the first read sent with it
        assertThat(consumers(sent)).isEmpty();
    }

    /**
     * Loads after {@code after} learned while the load is under way (as after a snapshot) and
     * returns the requests it sent, checking that it read the right events and that the cut-off
     * and the read from the start went out before {@code after} was known.
     */
    private List<Request> loadLearningLater(long after, int count) throws Exception {
        requests.drain();
        CompletableFuture<Long> learned = new CompletableFuture<>();
        CompletableFuture<LoadResult> loading = CompletableFuture.supplyAsync(
                () -> store.load(subject, learned, UnknownTypes.FAIL));
        List<Request> before = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (directGets(before).size() < 2 && System.nanoTime() < deadline) {
            before.addAll(requests.drain());
        }
        assertThat(directGets(before)).extracting(Request::body).as("sent before the sequence was known")
                .containsExactlyInAnyOrder("{\"last_by_subj\":\"" + subject + "\"}",
                        "{\"seq\":1,\"next_by_subj\":\"" + subject + "\"}");
        learned.complete(after);
        LoadResult loaded = loading.get(10, TimeUnit.SECONDS);
        assertThat(loaded.events()).extracting(StoredEvent::sequence).as("what the load read")
                .isEqualTo(interleavedAfter(after, count));
        before.addAll(requests.drain());
        return before;
    }

    @Test
    void a_load_learning_it_starts_at_0_uses_the_read_from_the_start_sent_with_the_cut_off() throws Exception {
        interleaved(2);

        List<Request> sent = loadLearningLater(0, 2);

        assertThat(directGets(sent)).extracting(Request::body).containsExactlyInAnyOrder(
                "{\"last_by_subj\":\"" + subject + "\"}", "{\"seq\":1,\"next_by_subj\":\"" + subject + "\"}",
                "{\"seq\":2,\"next_by_subj\":\"" + subject + "\"}");
        assertThat(consumers(sent)).isEmpty();
    }

    @Test
    void after_a_covered_event_a_longer_tail_is_one_consumer_from_it_at_once() throws Exception {
        interleaved(20); // the subject at 1, 3, ..., 39

        List<Request> sent = loadLearningLater(30, 20); // 31 covered; 33 ... 39 after it

        assertThat(directGets(sent)).hasSize(2); // the cut-off and the read from the start, before 30 was known
        assertThat(consumers(sent)).singleElement().satisfies(config -> {
            assertThat(config.path("deliver_policy").asText()).isEqualTo("by_start_sequence");
            assertThat(config.path("opt_start_seq").asLong()).isEqualTo(31);
        });
    }

    @Test
    void after_a_covered_event_in_the_subjects_first_half_the_consumer_delivers_it_from_its_start() throws Exception {
        interleaved(20);

        List<Request> sent = loadLearningLater(4, 20); // 5 covered, then 7 ... 39

        assertThat(directGets(sent)).hasSize(2);
        assertThat(consumers(sent)).singleElement()
                .satisfies(config -> assertThat(config.path("deliver_policy").asText()).isEqualTo("all"));
    }

    @Test
    void a_covered_event_and_one_after_it_take_no_consumer() throws Exception {
        interleaved(20);

        List<Request> sent = loadLearningLater(36, 20); // 37 covered, 39 with it

        assertThat(directGets(sent)).extracting(Request::body).containsExactlyInAnyOrder(
                "{\"last_by_subj\":\"" + subject + "\"}", "{\"seq\":1,\"next_by_subj\":\"" + subject + "\"}",
                "{\"seq\":37,\"next_by_subj\":\"" + subject + "\"}",
                "{\"seq\":38,\"next_by_subj\":\"" + subject + "\"}");
        assertThat(consumers(sent)).isEmpty();
    }

    @Test
    void a_sequence_not_followed_by_the_subjects_event_is_read_right_all_the_same() throws Exception {
        interleaved(20);

        List<Request> sent = loadLearningLater(35, 20); // 36 is another subject's: the consumer delivers 37 first

        assertThat(consumers(sent)).singleElement()
                .satisfies(config -> assertThat(config.path("opt_start_seq").asLong()).isEqualTo(36));
    }

    @Test
    void a_snapshot_covering_the_last_event_asks_for_nothing_more() throws Exception {
        interleaved(20);

        List<Request> sent = loadLearningLater(38, 20); // 39 covered: the cut-off itself

        assertThat(directGets(sent)).hasSize(2); // the cut-off and the read from the start, both before 38 was known
        assertThat(consumers(sent)).isEmpty();
    }
}

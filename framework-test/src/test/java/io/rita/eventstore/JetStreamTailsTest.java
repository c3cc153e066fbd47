package io.rita.eventstore;

import io.nats.client.JetStreamManagement;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads after a sequence (tails) on a real nats-server, through every path of the subject reader:
 * the cut-off message alone, direct gets, a consumer from the subject's start with skipping, and a
 * consumer from the middle. Each tail must be exactly the events after the sequence.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JetStreamTailsTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private JetStreamEventStore store;

    @BeforeEach
    void newStore(TestInfo test) {
        store = Rita.of(nats.connection()).eventStore("t" + Integer.toHexString(test.getDisplayName().hashCode()
                & 0x7fffffff));
        store.create();
    }

    /** {@code count} events on {@code subject}, each followed by two events on other subjects. */
    private List<Long> seed(String subject, int count) {
        List<CompletableFuture<AppendResult>> mine = new ArrayList<>();
        List<CompletableFuture<AppendResult>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<AppendResult> own = store.appendAsync(subject, List.of(event(i)), Expected.any());
            mine.add(own);
            all.add(own);
            all.add(store.appendAsync(subject + "-a", List.of(event(i)), Expected.any()));
            all.add(store.appendAsync(subject + "-b" + i % 7, List.of(event(i)), Expected.any()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return mine.stream().map(f -> f.join().sequence()).toList();
    }

    private static Event event(int i) {
        return Event.of("counted", ("" + i).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> texts(List<StoredEvent> events) {
        return events.stream().map(e -> new String((byte[]) e.data(), StandardCharsets.UTF_8)).toList();
    }

    /** Events compared by what they hold (their data is a byte array, which records compare by identity). */
    private static List<String> described(List<StoredEvent> events) {
        return events.stream().map(e -> e.sequence() + " " + e.id() + " " + e.subject() + " "
                + new String((byte[]) e.data(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void every_tail_of_a_subject_is_exactly_the_events_after_its_sequence() {
        String subject = store.name() + ".one";
        List<Long> sequences = seed(subject, 40);
        List<StoredEvent> whole = store.load(subject).events();
        assertThat(texts(whole)).hasSize(40).first().isEqualTo("0");

        List<Long> afters = new ArrayList<>(List.of(0L, 1L));
        for (int i : new int[] {0, 1, 2, 5, 9, 19, 20, 30, 36, 37, 38, 39}) {
            afters.add(sequences.get(i));          // right at an event of the subject
            afters.add(sequences.get(i) + 1);      // between, at another subject's event
        }
        for (long after : afters) {
            LoadResult tail = store.load(subject, after);
            assertThat(described(tail.events())).as("after %d", after)
                    .isEqualTo(described(whole.stream().filter(e -> e.sequence() > after).toList()));
            assertThat(tail.sequence()).isEqualTo(sequences.getLast());
        }
    }

    @Test
    void long_tails_from_the_start_the_middle_and_the_end_are_complete() {
        String subject = store.name() + ".long";
        List<Long> sequences = seed(subject, 1_500);

        for (int from : new int[] {3, 200, 749, 750, 1_200, 1_497}) {
            List<StoredEvent> tail = store.load(subject, sequences.get(from - 1)).events();
            assertThat(tail).hasSize(1_500 - from);
            assertThat(texts(tail).getFirst()).isEqualTo("" + from);
            assertThat(texts(tail).getLast()).isEqualTo("1499");
        }
    }

    @Test
    void a_read_leaves_no_consumer_behind() throws Exception {
        String subject = store.name() + ".tidy";
        List<Long> sequences = seed(subject, 30);
        store.load(subject);
        store.load(subject, sequences.get(20));

        JetStreamManagement management = nats.connection().jetStreamManagement();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!management.getConsumerNames(store.name()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(management.getConsumerNames(store.name())).isEmpty();
    }
}

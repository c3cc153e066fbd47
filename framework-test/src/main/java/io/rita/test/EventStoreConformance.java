package io.rita.test;

import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link EventStore} shares, written once and run against each
 * implementation, so that a difference between the in-memory and the JetStream store is a
 * failing test.
 *
 * <pre>{@code
 * class InMemoryEventStoreConformanceTest extends EventStoreConformance {
 *     protected EventStore newStore(RitaOptions options) {
 *         return new InMemoryEventStore("conformance", options);
 *     }
 *     protected EventStore reopen(EventStore store, RitaOptions options) {
 *         return ((InMemoryEventStore) store).withOptions(options);
 *     }
 * }
 * }</pre>
 *
 * <p>Each test asks for a fresh, empty store and writes to subjects under
 * {@code <store name>.}, which a JetStream store created with its defaults binds.
 */
public abstract class EventStoreConformance extends HistoryConformance {

    /** A fresh, empty store with these options; each test asks for its own. */
    @Override
    protected abstract EventStore newStore(RitaOptions options);

    /**
     * The events of {@code store} seen through other options, e.g. a registry that lacks a type,
     * as when another program reads the same stream.
     */
    @Override
    protected abstract EventStore reopen(EventStore store, RitaOptions options);

    /** How many writers race in each round of the concurrency test. */
    protected int concurrentWriters() {
        return 8;
    }

    /** How many rounds the concurrency test runs. */
    protected int concurrentRounds() {
        return 50;
    }

    @Test
    void lets_exactly_one_of_several_writers_with_the_same_expectation_win_each_round() throws Exception {
        EventStore store = newStore(options());
        String subject = subject(store, "contended");
        int writers = concurrentWriters();
        List<Long> winningSequences = new ArrayList<>();
        List<String> winningData = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int round = 0; round < concurrentRounds(); round++) {
                long expected = store.load(subject).sequence();
                List<Attempt> attempts = race(pool, store, subject, expected, round, writers);

                List<Attempt> won = attempts.stream().filter(a -> a.conflict() == null).toList();
                assertThat(won).as("winners of round %d", round).hasSize(1);
                for (Attempt lost : attempts) {
                    if (lost.conflict() != null) {
                        assertThat(lost.conflict().expected()).as("expected of a loser").isEqualTo(expected);
                        assertThat(lost.conflict().actual()).as("actual of a loser").isEqualTo(won.get(0).sequence());
                    }
                }
                winningSequences.add(won.get(0).sequence());
                winningData.add(won.get(0).data());
            }
        }

        LoadResult loaded = store.load(subject);
        assertThat(loaded.events()).extracting(e -> text(e.data())).containsExactlyElementsOf(winningData);
        assertThat(loaded.events()).extracting(StoredEvent::sequence).containsExactlyElementsOf(winningSequences);
    }

    /** One writer's try in a round: its data, and the sequence it got or the conflict it met. */
    private record Attempt(String data, long sequence, ConcurrencyConflictException conflict) {
    }

    private List<Attempt> race(ExecutorService pool, EventStore store, String subject, long expected, int round,
                               int writers) throws Exception {
        // the barrier releases all writers at once, so that they really contend for the same sequence
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Future<Attempt>> futures = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            String data = round + "-" + writer;
            futures.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                try {
                    return new Attempt(data, store.append(subject, List.of(Event.of("attempt", bytes(data))),
                            Expected.sequence(expected)).sequence(), null);
                } catch (ConcurrencyConflictException conflict) {
                    return new Attempt(data, 0, conflict);
                }
            }));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (Future<Attempt> future : futures) {
            attempts.add(future.get(30, TimeUnit.SECONDS));
        }
        return attempts;
    }
}

package io.rita.eventstore;

import io.rita.eventstore.StoredEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimistic concurrency under real contention: many writers append to one subject at the
 * same moment, all expecting the same sequence. JetStream must let exactly one through.
 */
class JetStreamConcurrentWritersTest {

    private static final int WRITERS = 8;
    private static final int ROUNDS = 200;

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void eight_writers_racing_with_the_same_expectation_have_exactly_one_winner_per_round() throws Exception {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore("race");
        store.create();
        String subject = "race.counter";
        // Each writer on its own connection, as separate processes would be.
        List<EventStore> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(Rita.of(nats.connect()).eventStore("race"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        long expected = 0;
        List<String> winners = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Long>> attempts = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    EventStore writer = writers.get(w);
                    String id = "r" + round + "-w" + w;
                    long expectation = expected;
                    attempts.add(pool.submit(() -> {
                        start.await();
                        return writer.append(subject, List.of(Event.of("won", new byte[0]).withId(id)),
                                Expected.sequence(expectation)).sequence();
                    }));
                }
                start.countDown();
                long winningSequence = -1;
                int wins = 0;
                List<ConcurrencyConflictException> conflicts = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    try {
                        winningSequence = attempts.get(w).get(30, TimeUnit.SECONDS);
                        wins++;
                        winners.add("r" + round + "-w" + w);
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ConcurrencyConflictException.class);
                        conflicts.add((ConcurrencyConflictException) e.getCause());
                    }
                }
                assertThat(wins).as("winners in round %d", round).isEqualTo(1);
                for (ConcurrencyConflictException conflict : conflicts) {
                    assertThat(conflict.expected()).isEqualTo(expected);
                    assertThat(conflict.actual()).isEqualTo(winningSequence);
                    assertThat(conflict.subject()).isEqualTo(subject);
                }
                expected = winningSequence;
            }
        } finally {
            pool.shutdownNow();
        }

        LoadResult loaded = store.load(subject);
        assertThat(loaded.events()).extracting(StoredEvent::id).containsExactlyElementsOf(winners);
        assertThat(loaded.sequence()).isEqualTo(expected);
    }
}

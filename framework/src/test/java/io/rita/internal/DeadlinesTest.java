package io.rita.internal;

import io.nats.client.support.NatsRequestCompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Deadlines}: unanswered requests fail after the timeout, answered ones are left as they are. */
@Timeout(30)
class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines(Duration.ofMillis(300));

    @Test
    void a_request_without_an_answer_fails_after_the_timeout_and_not_before() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<String> request = deadlines.bound(new CompletableFuture<>());

        assertThat(request).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(TimeoutException.class).withMessage("no reply within 300 ms");
        // a sweep every 30 ms (a tenth of the timeout)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300),
                Duration.ofMillis(1_500));
    }

    @Test
    void an_answered_request_keeps_its_answer_and_one_behind_it_still_fails() throws Exception {
        // answered before it is watched: a test thread held up past the timeout cannot lose the race
        CompletableFuture<String> answered = deadlines.bound(CompletableFuture.completedFuture("ack"));
        CompletableFuture<String> unanswered = deadlines.bound(new CompletableFuture<>());

        assertThat(unanswered).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(TimeoutException.class);
        assertThat(answered).isCompletedWithValue("ack");
    }

    @Test
    void a_jnats_request_is_failed_as_jnats_fails_one_that_timed_out() throws Exception {
        NatsRequestCompletableFuture request = deadlines.bound(new NatsRequestCompletableFuture(
                NatsRequestCompletableFuture.CancelAction.CANCEL, Duration.ofMinutes(1), false));

        assertThat(request).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(CancellationException.class);
        assertThat(request.wasCancelledTimedOut()).as("what DirectGet and AsyncPublish read").isTrue();
    }

    @Test
    void answered_requests_behind_one_still_out_are_let_go_at_the_next_sweep() throws Exception {
        Deadlines patient = new Deadlines(Duration.ofSeconds(30));
        CompletableFuture<String> stuck = patient.bound(new CompletableFuture<>());
        for (int i = 0; i < 1_000; i++) {
            patient.bound(CompletableFuture.completedFuture("ack " + i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (patient.watched() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10); // a sweep every 100 ms
        }

        assertThat(patient.watched()).as("only the one still out").isEqualTo(1);
        stuck.complete("late");
    }

    @Test
    void requests_sent_after_the_queue_ran_empty_are_still_watched() throws Exception {
        for (int round = 0; round < 3; round++) {
            deadlines.bound(CompletableFuture.completedFuture("ack"));
            Thread.sleep(100); // a sweep finds the queue empty and stops
            CompletableFuture<String> unanswered = deadlines.bound(new CompletableFuture<>());
            assertThat(unanswered).as("round " + round).failsWithin(5, TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void many_requests_from_many_threads_each_fail_or_keep_their_answer() throws Exception {
        List<CompletableFuture<Integer>> requests = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<CompletableFuture<Integer>> own = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                own.add(new CompletableFuture<>());
            }
            requests.addAll(own);
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < own.size(); i++) {
                    if (i % 2 == 0) {
                        own.get(i).complete(i); // before it is watched, so that no delay of this thread can lose the race
                    }
                    deadlines.bound(own.get(i));
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).handle((r, e) -> null)
                .get(5, TimeUnit.SECONDS);

        assertThat(requests).filteredOn(CompletableFuture::isCompletedExceptionally).hasSize(4_000);
        assertThat(requests).filteredOn(request -> !request.isCompletedExceptionally())
                .allSatisfy(request -> assertThat(request.join() % 2).isZero());
    }
}

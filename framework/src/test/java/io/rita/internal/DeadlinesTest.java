package io.rita.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        CompletableFuture<String> answered = deadlines.bound(new CompletableFuture<>());
        CompletableFuture<String> unanswered = deadlines.bound(new CompletableFuture<>());
        answered.complete("ack");

        assertThat(unanswered).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(TimeoutException.class);
        assertThat(answered).isCompletedWithValue("ack");
    }

    @Test
    void requests_sent_after_the_queue_ran_empty_are_still_watched() throws Exception {
        for (int round = 0; round < 3; round++) {
            CompletableFuture<String> answered = deadlines.bound(new CompletableFuture<>());
            answered.complete("ack");
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
                    deadlines.bound(own.get(i));
                    if (i % 2 == 0) {
                        own.get(i).complete(i);
                    }
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

package io.rita.aggregate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LinesTest {

    /** Work that notes which group it was done in. */
    static final class Work {
        final int number;
        final boolean alone;
        int group;

        Work(int number, boolean alone) {
            this.number = number;
            this.alone = alone;
        }
    }

    private final Lines<Work> lines = new Lines<>(3, (leader, next) -> !leader.alone && !next.alone);
    private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());

    private void doGroup(String subject, List<Ticket<Work>> tickets, CountDownLatch hold) {
        List<Integer> numbers = tickets.stream().map(t -> t.work.number).toList();
        groups.add(numbers);
        await(hold);
        tickets.forEach(t -> {
            t.work.group = groups.size();
            t.complete();
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitWaiting(String subject, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lines.waiting(subject) < count) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void serves_first_come_first_served_in_groups_of_at_most_the_limit_keeping_lone_work_alone() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            done.add(threads.submit(() -> lines.submit("a", new Work(0, false), (s, t) -> doGroup(s, t, hold))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (groups.isEmpty()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(1);
            }
            boolean[] alone = {false, false, false, false, true, false, false};
            for (int i = 1; i <= 6; i++) {
                Work work = new Work(i, alone[i]);
                done.add(threads.submit(() -> lines.submit("a", work, (s, t) -> doGroup(s, t, hold))));
                awaitWaiting("a", i);
            }
            hold.countDown();
            for (Future<?> future : done) {
                future.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(groups).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4), List.of(5, 6));
        assertThat(lines.size()).as("idle lines are removed").isZero();
    }

    @Test
    void a_group_takes_no_more_than_the_limit_however_many_wait() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            done.add(threads.submit(() -> lines.submit("a", new Work(0, false), (s, t) -> doGroup(s, t, hold))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (groups.isEmpty()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(1);
            }
            for (int i = 1; i <= 5; i++) {
                Work work = new Work(i, false);
                done.add(threads.submit(() -> lines.submit("a", work, (s, t) -> doGroup(s, t, hold))));
                awaitWaiting("a", i);
            }
            assertThat(lines.size()).as("one busy line").isEqualTo(1);
            hold.countDown();
            for (Future<?> future : done) {
                future.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(groups).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5));
    }

    @Test
    void an_error_in_a_group_reaches_its_leader_fails_the_others_and_the_line_goes_on() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = threads.submit(() -> lines.submit("a", new Work(0, false), (s, t) -> doGroup(s, t, hold)));
            awaitGroups(1);
            Future<?> failing = threads.submit(() -> lines.submit("a", new Work(1, true), (s, t) -> {
                throw new StackOverflowError("deep");
            }));
            awaitWaiting("a", 1);
            Future<?> after = threads.submit(() -> lines.submit("a", new Work(2, false), (s, t) -> doGroup(s, t, hold)));
            awaitWaiting("a", 2);
            hold.countDown();

            first.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StackOverflowError.class);
            after.get(10, TimeUnit.SECONDS);
        }

        assertThat(groups).containsExactly(List.of(0), List.of(2));
        assertThat(lines.size()).isZero();
    }

    @Test
    void an_interrupt_while_waiting_in_line_is_kept_for_the_caller_and_the_work_still_done() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean kept = new java.util.concurrent.atomic.AtomicBoolean();
        Work waiting = new Work(1, true);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = threads.submit(() -> lines.submit("a", new Work(0, false), (s, t) -> doGroup(s, t, hold)));
            awaitGroups(1);
            Thread caller = Thread.ofVirtual().start(() -> {
                lines.submit("a", waiting, (s, t) -> {
                    groups.add(List.of(t.getFirst().work.number));
                    t.forEach(Ticket::complete);
                });
                kept.set(Thread.currentThread().isInterrupted());
            });
            awaitWaiting("a", 1);
            caller.interrupt();
            hold.countDown();
            first.get(10, TimeUnit.SECONDS);
            assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(groups).containsExactly(List.of(0), List.of(1));
        assertThat(kept).as("the interrupt flag, restored for the caller").isTrue();
    }

    private void awaitGroups(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (groups.size() < count) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void different_subjects_do_not_wait_for_each_other() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> blocked = threads.submit(() -> lines.submit("a", new Work(1, false), (s, t) -> doGroup(s, t, hold)));
            lines.submit("b", new Work(2, false), (s, t) -> t.forEach(Ticket::complete));
            assertThat(blocked).isNotDone();
            hold.countDown();
            blocked.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_failing_group_fails_its_tickets_and_the_line_goes_on() {
        assertThatThrownBy(() -> lines.submit("a", new Work(1, false), (s, t) -> {
            throw new IllegalStateException("store down");
        })).hasMessage("store down");
        AtomicInteger served = new AtomicInteger();

        lines.submit("a", new Work(2, false), (s, t) -> {
            served.incrementAndGet();
            t.forEach(Ticket::complete);
        });

        assertThat(served).hasValue(1);
        assertThat(lines.size()).isZero();
    }

    @Test
    void a_ticket_left_unanswered_fails_instead_of_hanging() {
        assertThatThrownBy(() -> lines.submit("a", new Work(1, false), (s, t) -> { }))
                .hasMessageContaining("unanswered");
    }

    @Test
    void a_failed_ticket_rethrows_its_own_failure() {
        assertThatThrownBy(() -> lines.submit("a", new Work(1, false),
                (s, t) -> t.forEach(ticket -> ticket.fail(new IllegalArgumentException("only this one")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("only this one");
    }
}

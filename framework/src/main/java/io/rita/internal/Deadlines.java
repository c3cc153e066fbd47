package io.rita.internal;

import io.nats.client.support.NatsRequestCompletableFuture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fails requests that are not answered within one fixed timeout with a {@link TimeoutException},
 * at the cost of a queue entry each. Not API.
 *
 * <p>Why not {@link CompletableFuture#orTimeout}: it schedules a task on the JDK's one delay
 * scheduler for each request and cancels it when the answer comes; at tens of thousands of
 * pipelined appends a second that cost a quarter of their speed ({@code docs/benchmarks.md}).
 * And not jnats' own timeout of a request: jnats checks it only at its request cleanup, every 5 s
 * by default, so a request with a 2 s timeout could wait 7 s.
 *
 * <p>All requests of one instance share the timeout, so their deadlines come in the order they
 * were sent: one sweep, every {@link #period} while requests are out, fails the expired ones at
 * the head of the queue and drops the answered ones. A request fails within one period after
 * its deadline. A jnats request is failed as jnats fails one that timed out
 * ({@link NatsRequestCompletableFuture#cancelTimedOut()}: its {@code wasCancelledTimedOut()} says
 * so, and jnats cleans up after it as after its own); any other future with a
 * {@link TimeoutException}.
 */
public final class Deadlines {

    /** One thread for every instance: a sweep takes microseconds. */
    private static final ScheduledExecutorService SWEEPS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rita-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    /** Where expired requests are failed: their callers' follow-ups run there, and may wait. */
    private static final Executor FAILURES = Executors.newVirtualThreadPerTaskExecutor();
    private static final Duration LONGEST_PERIOD = Duration.ofMillis(100);

    private final Duration timeout;
    private final long timeoutNanos;
    private final long period;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** Whether a sweep is scheduled; set by the first request after the queue ran empty. */
    private final AtomicBoolean sweeping = new AtomicBoolean();

    private record Pending(CompletableFuture<?> request, long deadline) {
    }

    public Deadlines(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.period = Math.max(1, Math.min(LONGEST_PERIOD.toNanos(), timeoutNanos / 10));
    }

    /** How many requests are watched (answered ones may wait for the next sweep). */
    int watched() {
        return pending.size();
    }

    /** {@code request}, failed with a {@link TimeoutException} when it is not answered within the timeout. */
    public <F extends CompletableFuture<?>> F bound(F request) {
        pending.offer(new Pending(request, System.nanoTime() + timeoutNanos));
        if (sweeping.compareAndSet(false, true)) {
            schedule();
        }
        return request;
    }

    private void fail(CompletableFuture<?> request) {
        if (request instanceof NatsRequestCompletableFuture nats) {
            nats.cancelTimedOut();
        } else {
            request.completeExceptionally(new TimeoutException("no reply within " + timeout.toMillis() + " ms"));
        }
    }

    private void schedule() {
        SWEEPS.schedule(this::sweep, period, TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        List<CompletableFuture<?>> expired = new ArrayList<>();
        for (Pending head = pending.peek(); head != null; head = pending.peek()) {
            if (!head.request().isDone() && head.deadline() - now > 0) {
                // the ones behind it were sent after it; the answered ones among them go now, as
                // they hold their answers (whole events) until this one's deadline otherwise
                pending.removeIf(entry -> entry.request().isDone());
                break;
            }
            pending.poll();
            if (!head.request().isDone()) {
                expired.add(head.request());
            }
        }
        if (!expired.isEmpty()) {
            FAILURES.execute(() -> expired.forEach(this::fail));
        }
        sweeping.set(false);
        // requests still out, or offered since the sweep began (they found a sweep still scheduled
        // and did not schedule one): the next sweep, unless such a request just scheduled it
        if (!pending.isEmpty() && sweeping.compareAndSet(false, true)) {
            schedule();
        }
    }
}

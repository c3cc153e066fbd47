package io.rita.eventstore;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a store call on a thread of its own that gets interrupted: before the call, once the call
 * waits inside a given class, or by the call itself. Reports what the call threw and whether the
 * thread's interrupt flag was still set when the call returned, which is what a caller that stops
 * its work on an interrupt relies on.
 *
 * <pre>{@code
 * nats.server().pause();                      // no reply comes: the call waits until interrupted
 * InterruptedCall.Outcome outcome = InterruptedCall.whileWaitingIn(DirectGet.class, () -> store.load(subject));
 * assertThat(outcome.flagKept()).isTrue();
 * }</pre>
 */
final class InterruptedCall {

    /** How long a call may take to start waiting, and to end once interrupted. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /**
     * @param thrown   what the call threw, or {@code null} when it returned
     * @param flagKept whether the thread was still marked interrupted right after the call
     */
    record Outcome(Throwable thrown, boolean flagKept) {
    }

    private InterruptedCall() {
    }

    /** Calls on a thread whose interrupt flag is set before the call starts. */
    static Outcome before(Supplier<?> call) {
        return run(call, true, null);
    }

    /** Calls on a thread of its own, which the call itself may interrupt (e.g. from a codec). */
    static Outcome byItself(Supplier<?> call) {
        return run(call, false, null);
    }

    /**
     * Calls on a thread of its own and interrupts it once it is parked with a frame of {@code where}
     * on its stack: waiting for a reply or a lock there, not merely passing through.
     */
    static Outcome whileWaitingIn(Class<?> where, Supplier<?> call) {
        return run(call, false, where);
    }

    /** Starts a call that the test interrupts later, e.g. one of several waiting at once. */
    static Running start(Supplier<?> call) {
        return new Running(call, false);
    }

    private static Outcome run(Supplier<?> call, boolean interruptFirst, Class<?> where) {
        Running running = new Running(call, interruptFirst);
        if (where != null) {
            running.awaitWaitingIn(where);
            running.interrupt();
        }
        return running.outcome();
    }

    /** A call under way on its own thread. */
    static final class Running {

        private final CompletableFuture<Outcome> result = new CompletableFuture<>();
        private final Thread thread;

        private Running(Supplier<?> call, boolean interruptFirst) {
            thread = Thread.ofPlatform().name("interrupted-call").daemon().start(() -> {
                if (interruptFirst) {
                    Thread.currentThread().interrupt();
                }
                Throwable thrown = null;
                try {
                    call.get();
                } catch (Throwable e) {
                    thrown = e;
                }
                // read, and clear, the flag: this thread ends here either way
                result.complete(new Outcome(thrown, Thread.interrupted()));
            });
        }

        /** Returns once the call is parked with a frame of {@code where} on its stack. */
        void awaitWaitingIn(Class<?> where) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!isWaitingIn(where)) {
                if (result.isDone()) {
                    throw new AssertionError("the call ended before it waited in " + where.getSimpleName() + ": "
                            + result.join());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the call did not wait in " + where.getSimpleName() + " within "
                            + DEADLINE.toSeconds() + " s; it is at " + Arrays.toString(thread.getStackTrace()));
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the call", e);
                }
            }
        }

        private boolean isWaitingIn(Class<?> where) {
            Thread.State state = thread.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                return false;
            }
            return Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getClassName().equals(where.getName()));
        }

        void interrupt() {
            thread.interrupt();
        }

        /** What the call did; fails when it does not end within the deadline. */
        Outcome outcome() {
            try {
                return result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the call did not end within " + DEADLINE.toSeconds() + " s; it is at "
                        + Arrays.toString(thread.getStackTrace()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the call", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
    }
}

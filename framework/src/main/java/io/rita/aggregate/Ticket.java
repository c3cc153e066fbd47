package io.rita.aggregate;

import java.util.concurrent.locks.LockSupport;

/**
 * One piece of work waiting in an aggregate's {@link Lines line}. The work object holds its own
 * answer; the thread that submitted it waits on the ticket until the work is done, or until it
 * is told to lead the line and do the next group itself.
 *
 * @param <W> what is to be done
 */
final class Ticket<W> {

    private static final int WAITING = 0;
    private static final int LEAD = 1;
    private static final int DONE = 2;

    final W work;
    private final Thread owner = Thread.currentThread();
    private volatile int state = WAITING;
    private RuntimeException failure;

    Ticket(W work) {
        this.work = work;
    }

    /** Marks the work done (its answer is in it) and wakes the owner. */
    void complete() {
        state = DONE;
        LockSupport.unpark(owner);
    }

    /** Fails the ticket with {@code error} (rethrown to its owner) and wakes its owner. */
    void fail(RuntimeException error) {
        failure = error;
        state = DONE;
        LockSupport.unpark(owner);
    }

    boolean isDone() {
        return state == DONE;
    }

    /** Makes the owner the line's leader and wakes it. */
    void lead() {
        state = LEAD;
        LockSupport.unpark(owner);
    }

    /**
     * Waits until the ticket is answered or its owner is to lead. Parking does not pin a virtual
     * thread's carrier. An interrupt does not end the wait (the work is in the line and will be
     * done); the flag is kept for the caller.
     *
     * @return {@code true} when answered, {@code false} when the owner is to lead
     */
    boolean await() {
        boolean interrupted = false;
        while (state == WAITING) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return state == DONE;
    }

    /** Throws the failure, if the work failed. */
    void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }
}

package io.rita.aggregate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * One waiting line per aggregate subject: work on one subject is done one group at a time, first
 * come first served, while other subjects go on in parallel.
 *
 * <p>No thread of its own: the thread that finds the line idle leads it and does the first
 * group; when a group is done, the leader answers its tickets and hands the lead to the ticket
 * at the head of the line, whose owner forms and does the next group. So every caller waits at
 * most for the groups ahead of it, and one busy aggregate never holds a thread of another.
 * Why groups: commands waiting for one aggregate can be decided one after another on the
 * evolving state and stored in one append (group commit), which makes a hot aggregate faster,
 * not slower, than a cold one.
 *
 * <p>All bookkeeping happens inside {@link ConcurrentHashMap#compute}, which is atomic per
 * subject, so a line is removed exactly when it is idle and empty.
 *
 * @param <W> the work of a ticket
 */
final class Lines<W> {

    /** The tickets waiting on one subject; {@code busy} while a leader is at work. */
    private static final class Line<W> {
        final ArrayDeque<Ticket<W>> waiting = new ArrayDeque<>();
        boolean busy;
    }

    private final ConcurrentHashMap<String, Line<W>> lines = new ConcurrentHashMap<>();
    private final int maxGroup;
    private final BiPredicate<W, W> joins;

    /**
     * @param maxGroup the most tickets in one group
     * @param joins    whether the work of a waiting ticket may join a group led by the first argument's work
     */
    Lines(int maxGroup, BiPredicate<W, W> joins) {
        this.maxGroup = maxGroup;
        this.joins = joins;
    }

    /**
     * Puts {@code work} in the subject's line and returns when it is done; {@code doGroup} does
     * the work of every ticket of a group (ending each with {@link Ticket#complete} or
     * {@link Ticket#fail}) and runs on the thread of whichever caller leads the group.
     *
     * @throws RuntimeException what {@code doGroup} failed the ticket with
     */
    void submit(String subject, W work, BiConsumer<String, List<Ticket<W>>> doGroup) {
        Ticket<W> ticket = new Ticket<>(work);
        boolean[] leads = new boolean[1];
        lines.compute(subject, (key, line) -> {
            Line<W> current = line != null ? line : new Line<>();
            if (current.busy) {
                current.waiting.add(ticket);
            } else {
                current.busy = true;
                leads[0] = true;
            }
            return current;
        });
        if (leads[0] || !ticket.await()) {
            lead(subject, ticket, doGroup);
        }
        ticket.rethrow();
    }

    private void lead(String subject, Ticket<W> leader, BiConsumer<String, List<Ticket<W>>> doGroup) {
        List<Ticket<W>> group = new ArrayList<>();
        group.add(leader);
        lines.computeIfPresent(subject, (key, line) -> {
            while (group.size() < maxGroup && !line.waiting.isEmpty()
                    && joins.test(leader.work, line.waiting.peekFirst().work)) {
                group.add(line.waiting.pollFirst());
            }
            return line;
        });
        try {
            doGroup.accept(subject, group);
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            for (Ticket<W> ticket : group) {
                if (!ticket.isDone()) {
                    ticket.fail(failure);
                }
            }
            if (e instanceof Error error) {
                handOver(subject);
                throw error;
            }
        } finally {
            for (Ticket<W> ticket : group) {
                if (!ticket.isDone()) {
                    ticket.fail(new IllegalStateException("the engine left a command unanswered (a bug)"));
                }
            }
        }
        handOver(subject);
    }

    /** How many tickets wait in the subject's line behind its leader (for tests). */
    int waiting(String subject) {
        Line<W> line = lines.get(subject);
        return line == null ? 0 : line.waiting.size();
    }

    /** How many subjects have a line now; idle subjects have none. */
    int size() {
        return lines.size();
    }

    /** Passes the lead to the head of the line, or marks the line idle and removes it. */
    private void handOver(String subject) {
        lines.computeIfPresent(subject, (key, line) -> {
            Ticket<W> next = line.waiting.pollFirst();
            if (next == null) {
                return null; // idle and empty: gone, so that idle subjects cost no memory
            }
            next.lead();
            return line;
        });
    }
}

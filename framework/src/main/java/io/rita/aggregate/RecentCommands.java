package io.rita.aggregate;

import io.rita.eventstore.StoredEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ids of the last commands that stored events on one aggregate, with what they stored:
 * how a command resent after JetStream's duplicate window is still counted once.
 *
 * <p>Rebuilt from the {@value CommandOptions#CAUSATION_ID} metadata of loaded events, so it works
 * across processes and restarts. Bounded: the oldest ids are forgotten first. Only the
 * aggregate's line leader changes it; a lock lets a snapshot of an aggregate leaving the cache
 * copy it from another thread meanwhile.
 *
 * @param <E> the event type
 */
final class RecentCommands<E> {

    /**
     * What one command stored.
     *
     * @param sequence the stream sequence of its events
     * @param events   its events, in order
     */
    record Recorded<E>(long sequence, List<E> events) {
    }

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Recorded<E>> byCommand;

    /** Remembers up to {@code limit} commands. */
    RecentCommands(int limit) {
        this.limit = limit;
        this.byCommand = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Recorded<E>> eldest) {
                return size() > RecentCommands.this.limit;
            }
        };
    }

    /** What the command stored, or {@code null} when it is not among the recent ones. */
    Recorded<E> find(String commandId) {
        return byCommand.get(commandId);
    }

    /** Notes a loaded event (its data already checked to be an {@code E}) under its causation id, if it has one. */
    void record(StoredEvent event, E data) {
        String commandId = event.meta().get(CommandOptions.CAUSATION_ID);
        if (commandId == null || limit == 0) {
            return;
        }
        lock.lock();
        try {
            Recorded<E> recorded = byCommand.get(commandId);
            if (recorded == null || recorded.sequence() != event.sequence()) {
                recorded = new Recorded<>(event.sequence(), new ArrayList<>());
                byCommand.remove(commandId);
                byCommand.put(commandId, recorded);
            }
            recorded.events().add(data);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The remembered commands stored at or before {@code upTo}, oldest first, copied (for a
     * snapshot of the aggregate at {@code upTo}, written on another thread).
     */
    List<Map.Entry<String, Recorded<E>>> copy(long upTo) {
        lock.lock();
        try {
            List<Map.Entry<String, Recorded<E>>> copy = new ArrayList<>(byCommand.size());
            byCommand.forEach((id, recorded) -> {
                if (recorded.sequence() <= upTo) {
                    copy.add(Map.entry(id, new Recorded<>(recorded.sequence(), List.copyOf(recorded.events()))));
                }
            });
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /** Notes what a command of this process just stored. */
    void record(String commandId, long sequence, List<E> events) {
        if (limit == 0) {
            return;
        }
        lock.lock();
        try {
            byCommand.remove(commandId);
            byCommand.put(commandId, new Recorded<>(sequence, new ArrayList<>(events)));
        } finally {
            lock.unlock();
        }
    }
}

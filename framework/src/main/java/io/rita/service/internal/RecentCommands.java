package io.rita.service.internal;

import io.rita.eventstore.Event;
import io.rita.service.ServiceHeaders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of the last commands that stored events on one aggregate, with what they stored:
 * how a command re-sent after JetStream's duplicate window is still counted once.
 *
 * <p>Rebuilt from the {@code causation-id} metadata of loaded events, so it works across
 * processes and restarts. Bounded: the oldest ids are forgotten first. Not thread-safe; it is
 * only touched within the aggregate's turn.
 */
public final class RecentCommands {

    /**
     * What one command stored.
     *
     * @param sequence the stream sequence of its events
     * @param events   its events' data, in order
     */
    public record Recorded(long sequence, List<Object> events) {
    }

    private final int limit;
    private final LinkedHashMap<String, Recorded> byCommand;

    /** Remembers up to {@code limit} commands. */
    public RecentCommands(int limit) {
        this.limit = limit;
        this.byCommand = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
                return size() > RecentCommands.this.limit;
            }
        };
    }

    /** What the command stored, or {@code null} when it is not among the recent ones. */
    public Recorded find(String commandId) {
        return byCommand.get(commandId);
    }

    /** Notes a loaded event under its causation id, if it has one. */
    public void record(Event event) {
        String commandId = event.meta().get(ServiceHeaders.CAUSATION_META);
        if (commandId == null || limit == 0) {
            return;
        }
        Recorded recorded = byCommand.get(commandId);
        if (recorded == null || recorded.sequence() != event.sequence()) {
            recorded = new Recorded(event.sequence(), new ArrayList<>());
            byCommand.remove(commandId);
            byCommand.put(commandId, recorded);
        }
        recorded.events().add(event.data());
    }

    /** Notes what a command of this process just stored. */
    public void record(String commandId, long sequence, List<?> events) {
        if (limit > 0) {
            byCommand.remove(commandId);
            byCommand.put(commandId, new Recorded(sequence, new ArrayList<>(events)));
        }
    }

    /** How many commands are remembered. */
    public int size() {
        return byCommand.size();
    }
}

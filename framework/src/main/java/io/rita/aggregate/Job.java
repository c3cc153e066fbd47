package io.rita.aggregate;

import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What waits in an aggregate's line: a command to decide or a read, each with the slot for its
 * answer (filled in by the line's leader, read by the caller once its ticket is done).
 */
sealed interface Job<C, E, S> {

    /** A command and how to handle it; {@link #outcome} or {@link #failure} is its answer. */
    final class Command<C, E, S> implements Job<C, E, S> {
        final C command;
        final String commandId;
        final Expected expected;
        /** The metadata of every event of the command: causation, correlation, and the caller's. */
        final Map<String, String> meta;
        final String origin;
        Outcome<E, S> outcome;
        RuntimeException failure;
        /** For the {@link CommandReport}: rounds decided in, the size of the last one, whether the first began cached. */
        int attempts;
        int groupSize;
        boolean cached;

        Command(C command, String commandId, CommandOptions options) {
            this.command = command;
            this.commandId = commandId;
            this.expected = options.expected();
            this.origin = options.origin();
            String correlationId = options.correlationId() != null ? options.correlationId() : commandId;
            if (options.meta().isEmpty()) {
                // the common case without the two copies below, which were a fifth of what a command
                // allocated in the service (JFR, docs/benchmarks.md)
                this.meta = Map.of(CommandOptions.CAUSATION_ID, commandId, CommandOptions.CORRELATION_ID, correlationId);
            } else {
                Map<String, String> all = new LinkedHashMap<>(options.meta());
                all.put(CommandOptions.CAUSATION_ID, commandId);
                all.put(CommandOptions.CORRELATION_ID, correlationId);
                this.meta = Map.copyOf(all);
            }
        }

        /** Whether the caller holds an expectation of the aggregate's sequence (such a command goes alone). */
        boolean expects() {
            return expected instanceof Expected.Sequence;
        }

        /**
         * The command's events as they are appended: ids {@code <command id>-<index>}, so that a
         * resend makes the same ids, and the command's metadata; the store stamps the time.
         */
        List<Event> toAppend(List<E> events) {
            List<Event> wrapped = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                wrapped.add(Event.of(events.get(i)).withId(commandId + "-" + i).withMeta(meta));
            }
            return wrapped;
        }
    }

    /**
     * A read of the aggregate's current state.
     */
    final class Read<C, E, S> implements Job<C, E, S> {
        Folded<S> folded;
    }

    /**
     * Whether {@code next} may join a group led by {@code leader}: reads with reads, commands with
     * commands; a command that carries the caller's expectation goes alone, since its answer depends
     * on the exact sequence it is decided at.
     */
    static <C, E, S> boolean joins(Job<C, E, S> leader, Job<C, E, S> next) {
        return switch (leader) {
            case Read<C, E, S> r -> next instanceof Read;
            case Command<C, E, S> c -> !c.expects() && next instanceof Command<C, E, S> n && !n.expects();
        };
    }
}

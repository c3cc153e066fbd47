package io.rita.projection;

import io.nats.client.Connection;
import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.types.TypeRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projection tests' domain: tallies, one per subject {@code <store>.<key>}, that count the
 * events added to them and sum their numbers, so that an event applied twice or missed shows in
 * both. {@code Cleared} removes the tally.
 */
public final class Tallies {

    /** An event of a tally. */
    public sealed interface TallyEvent permits Added, Cleared {
    }

    /** A number was added. */
    public record Added(long n) implements TallyEvent {
    }

    /** The tally was cleared: its view is removed. */
    public record Cleared() implements TallyEvent {
    }

    /** The view: how many numbers were added since the last clear, and their sum. */
    public record Tally(long events, long sum) {
        static final Tally ZERO = new Tally(0, 0);

        Tally plus(long n) {
            return new Tally(events + 1, sum + n);
        }
    }

    public static final TypeRegistry TYPES = TypeRegistry.builder()
            .add("tally-added", Added.class)
            .add("tally-cleared", Cleared.class)
            .build();

    private Tallies() {
    }

    /** The fold. */
    public static Optional<Tally> apply(Optional<Tally> tally, TallyEvent event) {
        return switch (event) {
            case Added added -> Optional.of(tally.orElse(Tally.ZERO).plus(added.n()));
            case Cleared cleared -> Optional.empty();
        };
    }

    /** The projection of the tallies of {@code store} ({@code <store>.*}), counting every call of its function in {@code calls}. */
    public static Projection<TallyEvent, Tally> projection(String name, String store, AtomicLong calls) {
        return Projection.of(name, store + ".*", TallyEvent.class, Tally.class, (tally, event) -> {
            calls.incrementAndGet();
            return apply(tally, event);
        });
    }

    /** The store {@code name}, subjects {@code <name>.>}, created when missing. */
    public static JetStreamEventStore store(Connection connection, String name) {
        JetStreamEventStore store = Rita.of(connection, RitaOptions.defaults().withTypes(TYPES))
                .eventStore(StoreConfig.of(name));
        store.ensure();
        return store;
    }

    /** Appends {@code count} additions of 1, 2, 3, ... round-robin over {@code keys} tallies, pipelined; returns the last n. */
    public static long fill(JetStreamEventStore store, int keys, int count, long firstN) {
        List<CompletableFuture<?>> window = new ArrayList<>();
        long n = firstN;
        for (int i = 0; i < count; i++, n++) {
            window.add(store.appendAsync(store.name() + ".k" + (n % keys), List.of(Event.of(new Added(n))),
                    io.rita.eventstore.Expected.any()));
            if (window.size() >= 256) {
                window.forEach(CompletableFuture::join);
                window.clear();
            }
        }
        window.forEach(CompletableFuture::join);
        return n - 1;
    }

    /** What the views must be: every event of the store folded per key in stream order (keys as the last token). */
    public static Map<String, Tally> expected(JetStreamEventStore store) {
        Map<String, Optional<Tally>> folded = new TreeMap<>();
        for (StoredEvent event : store.load(store.name() + ".*").events()) {
            String key = event.subject().substring(event.subject().lastIndexOf('.') + 1);
            folded.put(key, apply(folded.getOrDefault(key, Optional.empty()), (TallyEvent) event.data()));
        }
        Map<String, Tally> views = new TreeMap<>();
        folded.forEach((key, tally) -> tally.ifPresent(t -> views.put(key, t)));
        return views;
    }

    /** The views as stored, by key. */
    public static Map<String, Tally> stored(Views<Tally> views) {
        Map<String, Tally> stored = new TreeMap<>();
        views.entries().forEach(entry -> stored.put(entry.key(), entry.view()));
        return stored;
    }
}

package io.rita.service;

import io.rita.eventstore.AppendResult;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownTypes;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store as a process sees it through a copy that may be behind the one writes go to, as a
 * follower of a replicated stream, or a stream leader elected a moment ago, may be: appends go to
 * the real store; loads and {@link #lastSequence()} see only what the copy has applied, up to
 * {@link #shows()}. The copy catches up by itself after a given number of reads, or never. It can
 * also play events that were removed ({@link #removeAfter}) while the store went on.
 */
public final class LaggingCopy implements EventStore {

    private final EventStore store;
    /** The last sequence the copy has applied; {@code Long.MAX_VALUE}: all. */
    private final AtomicLong applied = new AtomicLong(Long.MAX_VALUE);
    /** Events after this sequence are gone from every subject while the store's last sequence stays. */
    private final AtomicLong removedAfter = new AtomicLong(Long.MAX_VALUE);
    /** Reads left before the copy catches up; negative: never. */
    private final AtomicInteger readsUntilCurrent = new AtomicInteger(-1);
    public final AtomicInteger loads = new AtomicInteger();
    public final AtomicInteger lastSequenceReads = new AtomicInteger();

    public LaggingCopy(EventStore store) {
        this.store = store;
    }

    /** From now on the copy shows the store up to {@code sequence}, and catches up after {@code reads} reads (-1: never). */
    public void showUpTo(long sequence, int reads) {
        applied.set(sequence);
        readsUntilCurrent.set(reads);
    }

    /** The copy stops applying writes: it stays where the store is now, until {@code reads} reads have been made (-1: never). */
    public void freeze(int reads) {
        showUpTo(store.lastSequence(), reads);
    }

    /** Loads no longer see the events after {@code sequence}, as if they had been deleted; the store's last sequence stays. */
    public void removeAfter(long sequence) {
        removedAfter.set(sequence);
    }

    /** The last sequence the copy shows. */
    public long shows() {
        return Math.min(applied.get(), store.lastSequence());
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public RitaOptions options() {
        return store.options();
    }

    @Override
    public AppendResult append(String subject, List<Event> events, Expected expected) {
        return store.append(subject, events, expected);
    }

    @Override
    public LoadResult load(String subject, long afterSequence, UnknownTypes unknown) {
        loads.incrementAndGet();
        read();
        long upTo = Math.min(shows(), removedAfter.get());
        List<StoredEvent> visible = store.load(subject, 0, unknown).events().stream()
                .filter(event -> event.sequence() <= upTo)
                .toList();
        long last = visible.isEmpty() ? 0 : visible.getLast().sequence();
        return new LoadResult(visible.stream().filter(event -> event.sequence() > afterSequence).toList(), last);
    }

    @Override
    public long lastSequence() {
        lastSequenceReads.incrementAndGet();
        read();
        return shows();
    }

    private void read() {
        if (readsUntilCurrent.get() >= 0 && readsUntilCurrent.getAndDecrement() <= 0) {
            applied.set(Long.MAX_VALUE);
            readsUntilCurrent.set(-1);
        }
    }
}

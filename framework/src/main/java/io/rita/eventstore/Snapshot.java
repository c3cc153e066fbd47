package io.rita.eventstore;

import java.util.Objects;

/**
 * A stored snapshot of one aggregate: its state, encoded, as of a stream sequence. What a
 * {@link SnapshotStore} keeps, one per subject; the aggregate engine
 * ({@code io.rita.aggregate.Snapshots}) decides what goes into {@link #data()}.
 *
 * <pre>{@code
 * snapshots.write(new Snapshot("kmm.events.accounts.susie", 10_412, "c-17-0", 2, bytes));
 * Optional<Snapshot> latest = snapshots.read("kmm.events.accounts.susie");
 * }</pre>
 *
 * @param subject  the aggregate's subject (concrete)
 * @param sequence the stream sequence of the last event the state includes (at least 1)
 * @param eventId  the id of the first event stored at {@code sequence}: a reader checks that this event is
 *                 still there, so that a snapshot of a stream that was since deleted, recreated or purged is
 *                 never taken for the new one's
 * @param version  the version of the state's shape the data was written with
 * @param data     the encoded snapshot (not copied)
 */
public record Snapshot(String subject, long sequence, String eventId, int version, byte[] data) {

    public Snapshot {
        Subjects.requireConcrete("a snapshot", subject);
        if (sequence < 1) {
            throw new IllegalArgumentException("a snapshot covers at least one event: sequence must be >= 1, was "
                    + sequence);
        }
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(data, "data");
    }
}

package io.rita.eventstore;

/**
 * How a {@link JetStreamEventStore} makes an append's {@link Expected expectation} exact: one
 * writer wins, every other writer with the same expectation gets a
 * {@link ConcurrencyConflictException}. Appends without an expectation are the same in every mode.
 *
 * <pre>{@code
 * JetStreamEventStore orders = rita.eventStore(StoreConfig.of("orders").withAppendMode(AppendMode.STREAM_SEQUENCE));
 * }</pre>
 *
 * <p>The store learns where it runs (the connected server's version, the stream's replicas) when
 * it is {@linkplain JetStreamEventStore#create() created}, {@linkplain JetStreamEventStore#update
 * updated} or {@linkplain JetStreamEventStore#open() opened}, or else at its first append with an
 * expectation. See {@code docs/operations.md} for what each mode costs.
 */
public enum AppendMode {

    /**
     * {@link #PER_SUBJECT} where the server makes it exact (a single server, an R1 stream, or
     * nats-server 2.9.21 and newer), else {@link #STREAM_SEQUENCE}. The default.
     */
    AUTO,

    /**
     * The server checks {@code Nats-Expected-Last-Subject-Sequence}: one round trip, and appends
     * to different subjects never wait for each other. Exact on a single server and on R1 streams;
     * on replicated streams only from nats-server 2.9.21 on (nats-server#4320: before, two writers
     * can both win). A store refuses this mode where it would not be exact, when it is opened.
     */
    PER_SUBJECT,

    /**
     * The store reads the stream's last sequence and then the subject's last message, both from
     * the stream's leader, and appends with {@code Nats-Expected-Last-Sequence}: the server stores
     * the append only if nothing at all was stored in between, which it checks exactly on every
     * version. When only other subjects moved, the store tries again. Exact everywhere, but every
     * append with an expectation costs three round trips, and such appends to one stream take
     * turns.
     */
    STREAM_SEQUENCE
}

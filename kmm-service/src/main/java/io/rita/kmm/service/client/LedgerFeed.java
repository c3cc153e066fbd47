package io.rita.kmm.service.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.rita.kmm.domain.LedgerEntry;
import io.rita.kmm.service.KmmWire;
import io.rita.types.CodecException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A running ledger subscription, started by {@link KmmClient#ledger}: the account's stored
 * event messages arrive on {@code kmm.streams.<id>}; deposits and withdrawals are turned into
 * {@link LedgerEntry}s, other event types are skipped.
 *
 * <pre>{@code
 * try (LedgerFeed feed = kmm.ledger("susie", Long.MAX_VALUE, entry -> System.out.println(entry))) {
 *     feed.await();   // until closed or the connection is lost
 * }
 * }</pre>
 */
public final class LedgerFeed implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);

    private final Connection connection;
    private final String subject;
    private final Consumer<LedgerEntry> entries;
    private final long max;
    private final Dispatcher dispatcher;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong skipped = new AtomicLong();
    private long delivered;

    LedgerFeed(Connection connection, String subject, long max, Consumer<LedgerEntry> entries) {
        this.connection = connection;
        this.subject = subject;
        this.max = max;
        this.entries = entries;
        this.dispatcher = connection.createDispatcher(this::onMessage);
        dispatcher.subscribe(subject);
    }

    /** Checks that the service delivers where this feed listens. */
    void confirm(String deliverySubject) {
        if (!subject.equals(deliverySubject)) {
            close();
            throw new ServiceErrorException(subject, 500, "kmm: the service delivers the ledger to '"
                    + deliverySubject + "', not to '" + subject + "' as asked");
        }
    }

    /** The subject entries are delivered to, {@code kmm.streams.<id>}. */
    public String subject() {
        return subject;
    }

    /** How many messages could not be read as KMM events and were skipped. */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Blocks until the feed is closed, or has delivered as many entries as asked for.
     *
     * @throws NatsUnreachableException when the connection to NATS is lost first
     */
    public void await() throws InterruptedException {
        while (!closed.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            if (connection.getStatus() != Connection.Status.CONNECTED) {
                close();
                throw new NatsUnreachableException(String.valueOf(connection.getConnectedUrl()),
                        "lost the connection to NATS while following the ledger", null);
            }
        }
    }

    /** Stops the subscription; the service removes its consumer a few seconds later. */
    @Override
    public void close() {
        if (closed.getCount() > 0) {
            closed.countDown();
            if (dispatcher.isActive()) {
                connection.closeDispatcher(dispatcher);
            }
        }
    }

    private void onMessage(Message message) {
        if (closed.getCount() == 0) {
            return;
        }
        if (message.isStatusMessage()) {
            // a push consumer's flow-control request must be answered or delivery stalls;
            // idle heartbeats carry no reply subject and need nothing
            if (message.getReplyTo() != null) {
                connection.publish(message.getReplyTo(), null);
            }
            return;
        }
        // one dispatcher thread delivers in order, so the count needs no lock
        entry(message).ifPresent(entry -> {
            entries.accept(entry);
            if (++delivered >= max) {
                close();
            }
        });
    }

    private Optional<LedgerEntry> entry(Message message) {
        try {
            return KmmWire.event(message.getHeaders(), message.getData()).flatMap(LedgerEntry::from);
        } catch (CodecException e) {
            skipped.incrementAndGet();
            return Optional.empty();
        }
    }
}

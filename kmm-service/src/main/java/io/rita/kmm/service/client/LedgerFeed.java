package io.rita.kmm.service.client;

import io.rita.client.LiveStream;
import io.rita.client.ServiceCallException;
import io.rita.eventstore.StoredEvent;
import io.rita.kmm.domain.AccountEvent;
import io.rita.kmm.domain.LedgerEntry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A running ledger subscription, started by {@link KmmClient#ledger}: the account's stored
 * events arrive through the framework's {@link LiveStream} on {@code kmm.streams.<id>};
 * deposits and withdrawals are turned into {@link LedgerEntry}s on the feed's own thread, other
 * event types are skipped, and so are events this version of KMM cannot read.
 *
 * <pre>{@code
 * try (LedgerFeed feed = kmm.ledger("susie", Long.MAX_VALUE, entry -> System.out.println(entry))) {
 *     feed.await();   // until closed, or the ledger cannot go on
 * }
 * }</pre>
 */
public final class LedgerFeed implements AutoCloseable {

    /** How long one wait for an entry lasts before the feed looks whether it was closed. */
    private static final Duration SLICE = Duration.ofMillis(250);

    private final LiveStream stream;
    private final Consumer<LedgerEntry> entries;
    private final long max;
    private final Function<ServiceCallException, RuntimeException> explain;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    LedgerFeed(LiveStream stream, long max, Consumer<LedgerEntry> entries,
               Function<ServiceCallException, RuntimeException> explain) {
        this.stream = stream;
        this.max = max;
        this.entries = entries;
        this.explain = explain;
        Thread.ofVirtual().name("kmm-ledger").start(this::follow);
    }

    /** The subject entries are delivered to, {@code kmm.streams.<id>}. */
    public String subject() {
        return stream.subject();
    }

    /** How many events could not be read as KMM events and were skipped. */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Blocks until the feed is closed, or has delivered as many entries as asked for.
     *
     * @throws NatsUnreachableException when the connection to NATS is lost first
     * @throws ServiceErrorException    when the ledger cannot go on (entries were lost on the way)
     */
    public void await() throws InterruptedException {
        done.await();
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    /** Stops the subscription; the service removes its consumer a few seconds later. */
    @Override
    public void close() {
        stream.close();
    }

    private void follow() {
        long delivered = 0;
        try {
            while (delivered < max && stream.isOpen()) {
                Optional<LedgerEntry> entry = next();
                if (entry.isPresent()) {
                    entries.accept(entry.get());
                    delivered++;
                }
            }
        } catch (ServiceCallException e) {
            failure.set(explain.apply(e));
        } finally {
            stream.close();
            done.countDown();
        }
    }

    private Optional<LedgerEntry> next() {
        Optional<StoredEvent> event;
        try {
            event = stream.poll(SLICE);
        } catch (ServiceCallException e) {
            if (e.kind() == ServiceCallException.Kind.UNREADABLE) {
                skipped.incrementAndGet(); // an event of a newer version, say: the ledger goes on
                return Optional.empty();
            }
            throw e;
        }
        return event.map(StoredEvent::data)
                .filter(AccountEvent.class::isInstance)
                .flatMap(data -> LedgerEntry.from((AccountEvent) data));
    }
}

package io.rita.bench.scale;

import io.nats.client.Connection;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.kmm.domain.FundsWithdrawn;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills KMM's store with {@code events} events over {@code accounts} accounts, as KMM writes them
 * (Rita's wire format, KMM's event types, one event per message), fast: pipelined
 * {@code appendAsync} without expectations, at most {@value #WINDOW} waiting. Event {@code i} goes
 * to account {@code i % accounts}, so an account's events lie far apart in the stream, as they do
 * when a family's accounts are used over years: the worst case for a load.
 *
 * <pre>{@code
 * KmmSeeder.seed(connection, 10_000_000, 1_000_000, System.out);
 * }</pre>
 *
 * <p>While seeding, the stream's duplicate window is one second: nats-server keeps every message id
 * of the window in memory, which at tens of thousands of appends per second would be millions of
 * ids for the default two minutes. It is set back to KMM's two minutes afterwards. A store that
 * holds some events already is filled up from where it stands.
 */
final class KmmSeeder {

    /** Appends waiting for their acknowledgement at most. */
    static final int WINDOW = 4_096;

    private static final Duration SEEDING_WINDOW = Duration.ofSeconds(1);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private KmmSeeder() {
    }

    /** KMM's store, as {@code kmm serve} creates it. */
    static StoreConfig config() {
        return StoreConfig.of(KmmSubjects.STORE).withSubjects(KmmSubjects.STORE_SUBJECTS);
    }

    /** The name of account {@code index}. */
    static String account(long index) {
        return String.format(Locale.ROOT, "a%07d", index);
    }

    /**
     * Seeds up to {@code events} events; returns how many it appended.
     *
     * @throws EventStoreException when an append fails
     */
    static long seed(Connection connection, long events, int accounts, PrintStream log) throws InterruptedException {
        RitaOptions options = RitaOptions.defaults().withTypes(KmmWire.types());
        JetStreamEventStore store = Rita.of(connection, options).eventStore(config().withDuplicateWindow(SEEDING_WINDOW));
        store.ensure();
        long stored = store.info().messages();
        if (stored >= events) {
            return 0;
        }
        Rita.of(connection, options).eventStore(config().withDuplicateWindow(SEEDING_WINDOW)).update();
        Semaphore window = new Semaphore(WINDOW);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        long started = System.nanoTime();
        long reported = started;
        for (long i = stored; i < events; i++) {
            if (failure.get() != null) {
                throw new EventStoreException(null, "seeding failed at event " + i, failure.get());
            }
            window.acquire();
            long round = i / accounts;
            Object data = round % 2 == 0
                    ? new FundsDeposited(new BigDecimal(5), "seed", time.plusSeconds(round))
                    : new FundsWithdrawn(new BigDecimal(2), "seed", time.plusSeconds(round), false);
            store.appendAsync(KmmSubjects.account(account(i % accounts)), List.of(Event.of(data)), Expected.any())
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                        window.release();
                    });
            long now = System.nanoTime();
            if (now - reported > REPORT_EVERY.toNanos()) {
                reported = now;
                double seconds = (now - started) / 1e9;
                log.printf(Locale.ROOT, "  seeded %,d of %,d events (%,.0f/s)%n", i + 1, events,
                        (i + 1 - stored) / seconds);
            }
        }
        if (!window.tryAcquire(WINDOW, 5, TimeUnit.MINUTES)) {
            throw new EventStoreException(null, "appends still unacknowledged after 5 minutes");
        }
        if (failure.get() != null) {
            throw new EventStoreException(null, "seeding failed", failure.get());
        }
        Rita.of(connection, options).eventStore(config()).update(); // KMM's duplicate window again
        double seconds = (System.nanoTime() - started) / 1e9;
        log.printf(Locale.ROOT, "  seeded %,d events in %.0f s (%,.0f/s)%n", events - stored, seconds,
                (events - stored) / seconds);
        return events - stored;
    }
}

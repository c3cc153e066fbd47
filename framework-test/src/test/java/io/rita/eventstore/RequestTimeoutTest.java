package io.rita.eventstore;

import io.nats.client.Connection;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RitaOptions#timeout()} is how long every read and append waits for nats-server, neither
 * the connection's own request timeout nor a fixed one: on a paused server (SIGSTOP: no reply
 * comes), each call fails no sooner than the timeout and well before the 5 s default. The
 * connection's timeout is 1 s, so a call that waited by it would fail too soon.
 */
@Timeout(60)
class RequestTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(2_500);
    /** After the timeout, a call may ask whether the stream is still there (1 s on a paused server). */
    private static final Duration AT_MOST = Duration.ofMillis(4_800);

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @AfterEach
    void resume() {
        if (nats.server().isPaused()) {
            nats.server().resume();
        }
    }

    @Test
    void reads_appends_and_snapshots_wait_for_the_configured_timeout() throws Exception {
        // jnats' own check of a request's timeout at its cleanup (every 5 s by default) put off for
        // longer than the test: only the store's deadline can fail a request in time here
        Connection connection = nats.connect(options -> options.connectionTimeout(Duration.ofSeconds(1))
                .requestCleanupInterval(Duration.ofSeconds(30)));
        Rita rita = Rita.of(connection, RitaOptions.defaults().withTimeout(TIMEOUT));
        JetStreamEventStore store = rita.eventStore("timeouts");
        store.create();
        JetStreamSnapshotStore snapshots = rita.snapshotStore(store.name());
        snapshots.ensure();
        String subject = "timeouts.1";
        store.append(subject, List.of(Event.of("noted", new byte[]{1})), Expected.any());
        long first = store.load(subject).sequence(); // the store has seen its stream: no more questions first
        snapshots.write(new Snapshot(subject, first, store.load(subject).events().get(0).id(), 1, new byte[]{7}));
        assertThat(snapshots.read(subject)).isPresent();

        Event late = Event.of("noted", new byte[]{2}).withId("late-append");
        Event lateAsync = Event.of("noted", new byte[]{3}).withId("late-async-append");
        Map<String, Supplier<?>> calls = new LinkedHashMap<>();
        calls.put("append", () -> store.append(subject, List.of(late), Expected.any()));
        calls.put("appendAsync", () -> store.appendAsync(subject, List.of(lateAsync), Expected.any()).join());
        calls.put("load", () -> store.load(subject));
        calls.put("snapshot read", () -> snapshots.read(subject));
        calls.put("snapshot write", () -> {
            snapshots.write(new Snapshot(subject, first, "e", 1, new byte[]{8}));
            return null;
        });

        Map<String, CompletableFuture<Timed>> running = new LinkedHashMap<>();
        nats.server().pause();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            calls.forEach((name, call) -> running.put(name, CompletableFuture.supplyAsync(() -> Timed.of(call),
                    threads)));
            for (Map.Entry<String, CompletableFuture<Timed>> call : running.entrySet()) {
                Timed timed = call.getValue().get(20, TimeUnit.SECONDS);
                assertThat(timed.thrown()).as(call.getKey()).isInstanceOf(StoreUnavailableException.class);
                if (!call.getKey().equals("append") && !call.getKey().equals("snapshot write")) {
                    // (jnats' own words for a synchronous publish do not name the time)
                    assertThat(timed.thrown()).as(call.getKey()).hasMessageContaining("within 2500 ms");
                }
                assertThat(timed.took()).as(call.getKey() + " took").isBetween(TIMEOUT.minusMillis(100), AT_MOST);
            }
        } finally {
            nats.server().resume();
        }

        // what timed out may have been stored after all (the server read it on waking): sending it
        // again with the same event ids stores it once
        store.append(subject, List.of(late), Expected.any());
        store.append(subject, List.of(lateAsync), Expected.any());
        assertThat(store.load(subject).events()).extracting(StoredEvent::id)
                .containsOnlyOnce("late-append", "late-async-append");
    }

    @Test
    void a_timeout_must_be_positive() {
        assertThatThrownBy(() -> RitaOptions.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> RitaOptions.defaults().withTimeout(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RitaOptions.defaults().timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    /** What a call threw, and how long it took to. */
    private record Timed(Throwable thrown, Duration took) {

        static Timed of(Supplier<?> call) {
            long started = System.nanoTime();
            try {
                call.get();
                return new Timed(null, Duration.ofNanos(System.nanoTime() - started));
            } catch (RuntimeException e) {
                Throwable thrown = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                return new Timed(thrown, Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }
}

package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.internal.DirectGet;
import io.rita.internal.NoJetStream;
import io.rita.internal.StoreSetupException;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A nats-server started without {@code -js}, as a newcomer may start one, an account without
 * JetStream, and a store that was never created: every store call says so at once, says what to
 * do, and is no {@link StoreUnavailableException} (no retry helps, and nothing can have been
 * stored: a {@link StoreSetupException}).
 */
@Timeout(60)
class WithoutJetStreamTest {

    /** Well under the stores' 5 s read timeout: the server refuses at once, nobody waits for a reply. */
    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    /** Two accounts on a server with JetStream: {@code with} has it, {@code without} does not. */
    private static final String ACCOUNTS = """
            accounts {
              WITH { jetstream: enabled, users: [{user: with, password: with}] }
              WITHOUT { users: [{user: without, password: without}] }
            }
            """;

    @TempDir
    static Path dir;
    @TempDir
    static Path accountsDir;
    private static NatsServerProcess server;
    private static Connection connection;
    private static NatsServerProcess accounts;
    private static Connection withJetStream;
    private static Connection withoutJetStream;

    @BeforeAll
    static void startServers() throws Exception {
        server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir).withJetStream(false)).start();
        connection = Nats.connect(server.url());
        accounts = NatsServerProcess.of(NatsServerOptions.inDirectory(accountsDir).withConfig(ACCOUNTS)).start();
        withJetStream = Nats.connect(Options.builder().server(accounts.url()).userInfo("with", "with").build());
        withoutJetStream = Nats.connect(Options.builder().server(accounts.url()).userInfo("without", "without")
                .build());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Connection open : new Connection[]{connection, withJetStream, withoutJetStream}) {
            if (open != null) {
                open.close();
            }
        }
        for (NatsServerProcess running : new NatsServerProcess[]{server, accounts}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void the_server_runs_without_jetstream_as_asked() {
        assertThat(server.options().jetStream()).isFalse();
        assertThat(connection.getServerInfo().isJetStreamAvailable()).isFalse();
    }

    @Test
    void creating_opening_or_reading_a_store_says_to_start_nats_server_with_js() {
        assertSaysNoJetStream(() -> Rita.of(connection).eventStore("orders").create(), "create store 'orders'", "orders");
        assertSaysNoJetStream(() -> Rita.of(connection).eventStore("orders").open(),
                "learn where store 'orders' runs", "orders");
        assertSaysNoJetStream(() -> Rita.of(connection).eventStore("orders").ensure(),
                "read info of store 'orders'", "orders");
        assertSaysNoJetStream(() -> Rita.of(connection).eventStore("orders").info(),
                "read info of store 'orders'", "orders");
        assertSaysNoJetStream(() -> Rita.of(connection).eventStore("orders").load("orders.1"),
                "learn where store 'orders' runs", "orders");
    }

    @Test
    void an_append_says_nothing_was_stored_rather_than_to_retry() {
        JetStreamEventStore store = Rita.of(connection).eventStore("orders");

        assertSaysNoJetStream(() -> store.append("orders.1", List.of(Event.of("placed", new byte[]{1}))),
                "append to orders.1", "orders", true);
        assertSaysNoJetStream(() -> store.append("orders.1", List.of(Event.of("placed", new byte[]{1})),
                Expected.sequence(3)), "learn where store 'orders' runs", "orders");
    }

    @Test
    void the_snapshot_store_says_so_too() {
        JetStreamSnapshotStore snapshots = Rita.of(connection).snapshotStore("orders");

        assertSaysNoJetStream(snapshots::ensure, "read info of snapshot store 'orders-snapshots'", "orders-snapshots");
        assertSaysNoJetStream(() -> snapshots.read("orders.1"), "read the snapshot of orders.1", "orders-snapshots");
        assertSaysNoJetStream(() -> snapshots.write(new Snapshot("orders.1", 1, "e-1", 1, new byte[]{1})),
                "write the snapshot of orders.1", "orders-snapshots", true);
        assertThat(snapshots.readAsync("orders.1")).failsWithin(AT_ONCE)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isExactlyInstanceOf(StoreSetupException.class)
                .withMessageContaining("runs without JetStream");
    }

    @Test
    void an_account_without_jetstream_is_told_to_enable_it_for_the_account() {
        assertThat(withoutJetStream.getServerInfo().isJetStreamAvailable()).as("the server has it").isTrue();

        for (ThrowingCallable call : List.<ThrowingCallable>of(
                () -> Rita.of(withoutJetStream).eventStore("orders").create(),
                () -> Rita.of(withoutJetStream).eventStore("orders").open(),
                () -> Rita.of(withoutJetStream).eventStore("orders").load("orders.1"))) {
            assertThatThrownBy(call).isExactlyInstanceOf(StoreSetupException.class)
                    .hasMessageContaining(": the account of this connection has no JetStream, which store 'orders'"
                            + " needs. Enable it for the account in nats-server's configuration");
        }
        assertThatThrownBy(() -> Rita.of(withoutJetStream).eventStore("orders")
                .append("orders.1", List.of(Event.of("placed", new byte[]{1}))))
                .isExactlyInstanceOf(StoreSetupException.class)
                .hasMessageStartingWith("cannot append to orders.1: the account of this connection has no JetStream");
    }

    @Test
    void an_append_to_a_store_never_created_says_nothing_was_stored() {
        JetStreamEventStore missing = Rita.of(withJetStream).eventStore("missing");

        assertThatThrownBy(() -> missing.append("missing.1", List.of(Event.of("placed", new byte[]{1}))))
                .isExactlyInstanceOf(StoreSetupException.class)
                .hasMessage("cannot append to missing.1: store 'missing' does not exist, so nothing was stored. Create"
                        + " it (create() or ensure()), or check that this is the account it is in");
        assertThat(missing.appendAsync("missing.1", List.of(Event.of("placed", new byte[]{1})), Expected.any()))
                .failsWithin(AT_ONCE).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isExactlyInstanceOf(StoreSetupException.class)
                .withMessageContaining("so nothing was stored");
        assertThatThrownBy(() -> missing.append("missing.1", List.of(Event.of("placed", new byte[]{1})),
                Expected.sequence(1)))
                .isExactlyInstanceOf(StoreSetupException.class)
                .hasMessageContaining("store 'missing' does not exist on this server: create() it first");
    }

    @Test
    void an_append_to_a_subject_its_store_does_not_take_says_so() {
        Rita.of(withJetStream).eventStore(StoreConfig.of("narrow").withSubjects("narrow.a.>")).create();
        JetStreamEventStore narrow = Rita.of(withJetStream).eventStore(StoreConfig.of("narrow")
                .withSubjects("narrow.a.>"));

        assertThatThrownBy(() -> narrow.append("narrow.b.1", List.of(Event.of("placed", new byte[]{1}))))
                .isExactlyInstanceOf(StoreSetupException.class)
                .hasMessage("cannot append to narrow.b.1: store 'narrow' does not take narrow.b.1 (its subjects are"
                        + " [narrow.a.>]), so nothing was stored. Append to a subject it takes, or add one to its"
                        + " subjects");
    }

    /** A server without JetStream that passes JetStream's requests on (in a cluster, a leaf node) has it after all. */
    @Test
    void a_server_without_jetstream_whose_requests_somebody_answers_is_not_called_one_without() throws Exception {
        io.nats.client.Dispatcher answering = connection.createDispatcher(
                request -> connection.publish(request.getReplyTo(), "{}".getBytes(StandardCharsets.UTF_8)));
        answering.subscribe("$JS.API.INFO");
        connection.flush(AT_ONCE);
        try {
            assertThat(NoJetStream.on(connection)).isFalse();
            assertThatThrownBy(() -> Rita.of(connection).eventStore("orders").info())
                    .isExactlyInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining("runs without JetStream");
        } finally {
            connection.closeDispatcher(answering);
        }
        assertThat(NoJetStream.on(connection)).isTrue();
    }

    /** Where a stream is missing or JetStream is off, jnats cancels the request at once: not a timeout. */
    @Test
    void an_asynchronous_direct_get_nobody_answers_fails_at_once_and_not_as_timed_out() {
        DirectGet directGet = new DirectGet(connection, "orders", Duration.ofSeconds(5));

        assertThat(directGet.lastAsync("orders.1")).failsWithin(AT_ONCE)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(DirectGet.DirectGetException.class, e -> {
                    assertThat(e.timedOut()).isFalse();
                    assertThat(e).hasMessage("no server answered $JS.API.DIRECT.GET.orders: the stream does not"
                            + " exist, does not allow direct get, or JetStream is not enabled");
                });
        assertThatThrownBy(() -> DirectGet.await(directGet.nextAsync("orders.1", 1)))
                .isInstanceOfSatisfying(DirectGet.DirectGetException.class, e -> assertThat(e.timedOut()).isFalse());
    }

    /** Unlike "nobody listens": an answer that does not come in time may have been stored. */
    @Test
    void an_append_that_gets_no_answer_in_time_says_the_outcome_is_unknown() {
        JetStreamEventStore store = Rita.of(withJetStream).eventStore("slow");
        store.create();
        accounts.pause();
        try {
            assertThatThrownBy(() -> store.append("slow.1", List.of(Event.of("placed", new byte[]{1}))))
                    .isExactlyInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("; the outcome is unknown: retry with the same event ids, which stores them"
                            + " once")
                    .hasMessageNotContaining("nothing was stored");
        } finally {
            accounts.resume();
        }
    }

    @Test
    void no_jetstream_is_said_only_when_nobody_listens() {
        assertThat(NoJetStream.on(withJetStream)).as("a server with JetStream").isFalse();
        assertThat(NoJetStream.on(connection)).as("without, nobody listens").isTrue();
        server.pause();
        try {
            assertThat(NoJetStream.on(connection)).as("without, no answer in time").isFalse();
        } finally {
            server.resume();
        }
        Thread.currentThread().interrupt();
        try {
            assertThat(NoJetStream.on(connection)).as("interrupted: nothing to tell").isFalse();
            assertThat(Thread.currentThread().isInterrupted()).as("the flag is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /** A get whose connection closes before an answer came may pass by itself, unlike one nobody listens to. */
    @Test
    void an_asynchronous_direct_get_whose_connection_closes_first_is_not_called_unanswerable() throws Exception {
        Rita.of(withJetStream).eventStore("gets").create();
        Connection closing = Nats.connect(Options.builder().server(accounts.url()).userInfo("with", "with").build());
        DirectGet directGet = new DirectGet(closing, "gets", Duration.ofSeconds(30));
        java.util.concurrent.CompletableFuture<java.util.Optional<io.nats.client.Message>> read;
        accounts.pause();
        try {
            read = directGet.lastAsync("gets.1");
            closing.close();
        } finally {
            accounts.resume();
        }

        assertThat(read).failsWithin(AT_ONCE)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(DirectGet.DirectGetException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e).hasMessage("no reply to $JS.API.DIRECT.GET.gets: the connection closed first");
                });
    }

    private static void assertSaysNoJetStream(ThrowingCallable call, String action, String store) {
        assertSaysNoJetStream(call, action, store, false);
    }

    /** As above; a write also says that nothing was stored. */
    private static void assertSaysNoJetStream(ThrowingCallable call, String action, String store, boolean writes) {
        long start = System.nanoTime();
        assertThatThrownBy(call)
                .isExactlyInstanceOf(StoreSetupException.class)
                .hasMessage("cannot " + action + ": the nats-server at " + connection.getConnectedUrl()
                        + " runs without JetStream, which store '" + store + "' needs"
                        + (writes ? "; nothing was stored" : "") + ". Start nats-server with -js (or a jetstream"
                        + " block in its configuration), or connect to one that does");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(action).isLessThan(AT_ONCE);
    }
}

package io.rita.bench;

import io.nats.client.Connection;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.kmm.service.FundsRequest;
import io.rita.kmm.service.KmmServer;
import io.rita.kmm.service.KmmServerOptions;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;
import io.rita.kmm.service.WireFormatException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Deposits through KMM against the hand-written baseline on the same server: {@link KmmServer}
 * in this JVM as {@code kmm serve --nats.embed} runs it (its own nats-server, the store
 * {@code kmm}, every KMM endpoint on the framework's service runner), and next to it a
 * {@link HandWrittenCommandService} on its own connection to that nats-server, which takes the
 * same request body on {@code handwritten.kmm.<account>.deposit-funds} and appends the same
 * {@code funds-deposited} event (KMM's JSON, same headers) to {@code kmm.events.handwritten.<account>}
 * in the same stream.
 *
 * <pre>{@code
 * try (KmmDeposits kmm = KmmDeposits.start(); Comparison c = kmm.comparison(16, 1_000)) {
 *     double depositsPerSecond = c.sides().getFirst().slice().run(1_000_000_000L);
 * }
 * }</pre>
 *
 * @throws io.rita.kmm.service.KmmStartException from {@link #start} when KMM cannot start
 */
final class KmmDeposits implements AutoCloseable {

    /** The request subjects of the hand-written baseline; token 2 is the account. */
    static final String HAND_WRITTEN_PATTERN = "handwritten.kmm.*.deposit-funds";
    /** Where the hand-written baseline stores an account's events: {@code <prefix>.<account>}. */
    static final String HAND_WRITTEN_EVENTS = KmmSubjects.STORE + ".events.handwritten";
    /** The request body of every deposit: a KMM client's {@code deposit-funds}. */
    static final byte[] DEPOSIT = "{\"Amount\":\"1\",\"Description\":\"pocket money\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final Path dataDir;
    private final KmmServer server;
    private final Connection connection;
    private final HandWrittenCommandService handWritten;

    private KmmDeposits(Path dataDir, KmmServer server, Connection connection, HandWrittenCommandService handWritten) {
        this.dataDir = dataDir;
        this.server = server;
        this.connection = connection;
        this.handWritten = handWritten;
    }

    /** Starts KMM with an embedded nats-server on a free port, then the hand-written baseline next to it. */
    static KmmDeposits start() {
        Path dataDir = Testbed.temporaryDirectory();
        KmmServer server = null;
        Connection connection = null;
        try {
            server = KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0));
            connection = Testbed.connect(server.url());
            HandWrittenCommandService handWritten = HandWrittenCommandService.start(connection, KmmSubjects.STORE,
                    HAND_WRITTEN_PATTERN, HAND_WRITTEN_EVENTS, "funds-deposited", KmmDeposits::deposited);
            return new KmmDeposits(dataDir, server, connection, handWritten);
        } catch (RuntimeException e) {
            close(connection);
            if (server != null) {
                server.close();
            }
            Testbed.delete(dataDir);
            throw e;
        }
    }

    /** The hand-written baseline. */
    HandWrittenCommandService handWritten() {
        return handWritten;
    }

    /** Where clients connect. */
    String url() {
        return server.url();
    }

    /** KMM's request subject of a deposit to an account. */
    static String kmmSubject(String account) {
        return KmmSubjects.service(account, "deposit-funds");
    }

    /** The hand-written baseline's request subject of a deposit to an account. */
    static String handWrittenSubject(String account) {
        return "handwritten.kmm." + account + ".deposit-funds";
    }

    /**
     * KMM and the hand-written baseline, {@code clients} closed-loop clients each, round-robin
     * over {@code accounts} accounts; the comparison's close closes the clients, not KMM.
     */
    Comparison comparison(int clients, int accounts) {
        String[] kmm = new String[accounts];
        String[] hand = new String[accounts];
        for (int i = 0; i < accounts; i++) {
            kmm[i] = kmmSubject("a" + i);
            hand[i] = handWrittenSubject("a" + i);
        }
        ClientLoops loops = ClientLoops.start(clients, accounts, () -> Testbed.connect(server.url()));
        return new Comparison("deposits/s", List.of(
                new Side("KMM", nanos -> loops.run(nanos, a -> kmm[a], DEPOSIT)),
                new Side("hand-written", nanos -> loops.run(nanos, a -> hand[a], DEPOSIT))), loops::close);
    }

    /**
     * The hand-written decision: the body as KMM reads it, a positive amount, and the event as
     * KMM writes it (amount with trailing zeros trimmed, the description, the time now).
     */
    private static byte[] deposited(byte[] body) {
        FundsRequest funds;
        try {
            funds = KmmWire.read(body, FundsRequest.class, FundsRequest.EXAMPLE);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (funds.amount() == null || funds.amount().signum() <= 0) {
            throw new IllegalArgumentException("amount must be greater than zero");
        }
        BigDecimal trimmed = funds.amount().stripTrailingZeros();
        return KmmWire.write(new FundsDeposited(trimmed.scale() < 0 ? trimmed.setScale(0) : trimmed,
                funds.description(), Instant.now()));
    }

    /** Stops the baseline, then KMM (which stops its nats-server), and deletes the data. */
    @Override
    public void close() {
        try {
            handWritten.close();
            close(connection);
            server.close();
        } finally {
            Testbed.delete(dataDir);
        }
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

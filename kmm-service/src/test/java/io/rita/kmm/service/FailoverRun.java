package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;
import io.rita.test.nats.NatsClusterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * A fault test of KMM on a 3-node cluster: two services in this JVM, one connected to the node
 * that leads the store's stream and one to another node, clients depositing and withdrawing
 * against a budget on several accounts, a fault done to the leader in the middle, and then the
 * store checked against what the clients were told: every command answered as stored is stored
 * exactly once, nothing is stored twice, no balance goes below zero, no budget is exceeded, and
 * commands are answered again after the fault without restarting the services, and meanwhile the
 * clients got nothing but a 503 that says to send the command again with the same id, or no answer
 * in time. Prints what the clients saw ({@link FailoverReport}): the windows without a stored
 * command, and command latencies before, around and after the fault.
 */
final class FailoverRun implements AutoCloseable {

    private static final String CLOCK = "2022-05-30T13:41:53Z";
    private static final List<String> ACCOUNTS = List.of("ann", "ben", "cat", "dan");
    private static final BigDecimal START = new BigDecimal("100");
    private static final BigDecimal BUDGET = new BigDecimal("250");
    private static final int CLIENTS = 8;
    /** How long the load goes on after the fault's time for a command sent after it to be stored. */
    private static final Duration WRITES_BACK_DEADLINE = Duration.ofSeconds(30);

    private final NatsClusterExtension nats;
    private final List<KmmServer> services = new ArrayList<>();
    /** Moments of the fault worth reporting (a new leader elected, the node back), in {@link System#nanoTime()}. */
    private final Map<String, Long> marks = new java.util.LinkedHashMap<>();
    final int leader;

    private FailoverRun(NatsClusterExtension nats, int leader) {
        this.nats = nats;
        this.leader = leader;
    }

    /** Starts the services on an R3 store and gives every account its start money and budget. */
    static FailoverRun start(NatsClusterExtension nats) {
        KmmServerOptions options = KmmServerOptions.connectingTo(nats.urls().getFirst()).withReplicas(3)
                .withClock(Clock.fixed(Instant.parse(CLOCK), ZoneOffset.UTC)).withZone(ZoneOffset.UTC);
        KmmServer first = KmmServer.start(options);
        int leader = nats.streams().leader(KmmSubjects.STORE);
        first.close();
        FailoverRun run = new FailoverRun(nats, leader);
        // one service on the leader's node, one on the next: a fault to the leader hits one of them
        for (int node : new int[]{leader, (leader + 1) % 3}) {
            run.services.add(KmmServer.start(KmmServerOptions.connectingTo(nats.urls().get(node)).withReplicas(3)
                    .withClock(Clock.fixed(Instant.parse(CLOCK), ZoneOffset.UTC)).withZone(ZoneOffset.UTC)));
        }
        try (KmmClient parent = client(nats)) {
            for (String account : ACCOUNTS) {
                parent.deposit(account, START, "start");
                parent.setBudget(account, BUDGET, "monthly");
            }
        }
        return run;
    }

    /** Notes that {@code what} happened now, for the report. */
    void mark(String what) {
        marks.put(what, System.nanoTime());
    }

    /**
     * Runs the load for {@code before}, does {@code fault} (named {@code name} in the report), runs
     * it for {@code after} more, and on until a command sent after the fault is stored (for up to
     * {@link #WRITES_BACK_DEADLINE}: writes came back up to 13 s after a paused leader continued,
     * on a loaded machine), then prints the report and checks.
     */
    FailoverReport run(String name, Duration before, Runnable fault, Duration after) throws Exception {
        CommandLoad load = CommandLoad.start(CLIENTS, ACCOUNTS, this::quietConnection);
        long faultAt;
        long faultEnd;
        try {
            Thread.sleep(before.toMillis());
            faultAt = System.nanoTime();
            fault.run();
            faultEnd = System.nanoTime();
            Thread.sleep(after.toMillis());
            long deadline = System.nanoTime() + WRITES_BACK_DEADLINE.toNanos();
            while (System.nanoTime() < deadline && load.commands().stream()
                    .noneMatch(c -> c.outcome() == CommandLoad.Outcome.STORED && c.sent() > faultEnd)) {
                Thread.sleep(100);
            }
        } catch (Throwable failed) {
            try {
                load.close();
            } catch (Throwable closing) {
                failed.addSuppressed(closing); // the first failure is what the test reports
            }
            throw failed;
        }
        load.close();
        // read at once (what a load right after the fault sees), and once every node has caught up
        // (what the store holds): the check is on the second, the first is reported when it differs
        Map<String, List<StoredEvent>> early = stored();
        for (int node = 0; node < 3; node++) {
            nats.streams().awaitCurrent(KmmSubjects.STORE, node);
        }
        Map<String, List<StoredEvent>> settled = stored();
        FailoverReport report = new FailoverReport(name, load.commands(), load.failures, faultAt, faultEnd,
                Map.copyOf(marks), settled, BUDGET, missedEarly(early, settled), this::messageAt);
        // printed before the check, so that a failed run shows its numbers too
        System.out.println(report);
        report.check();
        return report;
    }

    /** How many events each account's load right after the run missed, that a load after catch-up has. */
    private static Map<String, Integer> missedEarly(Map<String, List<StoredEvent>> early,
                                                    Map<String, List<StoredEvent>> settled) {
        Map<String, Integer> missed = new HashMap<>();
        settled.forEach((account, events) -> {
            int more = events.size() - early.get(account).size();
            if (more != 0) {
                missed.put(account, more);
            }
        });
        return missed;
    }

    /** What the stream holds at {@code sequence}, for the message of a failed check. */
    private String messageAt(long sequence) {
        try {
            var message = nats.connection().jetStreamManagement().getMessage(KmmSubjects.STORE, sequence);
            return "sequence " + sequence + ": " + message.getSubject() + ", Nats-Msg-Id "
                    + (message.getHeaders() == null ? null : message.getHeaders().getFirst("Nats-Msg-Id"));
        } catch (io.nats.client.JetStreamApiException e) {
            return "sequence " + sequence + ": " + e.getMessage();
        } catch (IOException e) {
            return "sequence " + sequence + ": cannot read (" + e + ")";
        }
    }

    /** Every account's events as the store has them now, read through the stream's leader. */
    private Map<String, List<StoredEvent>> stored() {
        Map<String, List<StoredEvent>> events = new HashMap<>();
        var store = Rita.of(nats.connection(), RitaOptions.defaults().withTypes(KmmWire.types()))
                .eventStore(KmmSubjects.STORE);
        for (String account : ACCOUNTS) {
            events.put(account, store.load(KmmSubjects.account(account)).events());
        }
        return events;
    }

    /**
     * A client's connection to any node, reconnecting to another at once: without the default
     * error listener, which logs every failed reconnect while a node is down.
     */
    private Connection quietConnection() {
        try {
            return Nats.connect(new Options.Builder().servers(nats.urls().toArray(String[]::new))
                    .maxReconnects(-1).reconnectWait(Duration.ofMillis(50)).reconnectJitter(Duration.ofMillis(10))
                    .errorListener(new ErrorListener() {
                    }).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static KmmClient client(NatsClusterExtension nats) {
        return KmmClient.connect(NatsUrl.parse(String.join(",", nats.urls())), Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        services.forEach(KmmServer::close);
    }
}

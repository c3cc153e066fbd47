package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.kmm.domain.BudgetSet;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.kmm.domain.FundsWithdrawn;
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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault test of KMM on a 3-node cluster: two services in this JVM, one connected to the node
 * that leads the store's stream and one to another node, clients depositing and withdrawing
 * against a budget on several accounts, a fault done to the leader in the middle, and then the
 * store checked against what the clients were told: every command answered as stored is stored
 * exactly once, nothing is stored twice, no balance goes below zero, no budget is exceeded, and
 * commands are answered again after the fault without restarting the services. Prints what the
 * clients saw: the longest time without a stored command, and command latencies around the fault.
 */
final class FailoverRun implements AutoCloseable {

    private static final String CLOCK = "2022-05-30T13:41:53Z";
    private static final List<String> ACCOUNTS = List.of("ann", "ben", "cat", "dan");
    private static final BigDecimal START = new BigDecimal("100");
    private static final BigDecimal BUDGET = new BigDecimal("250");
    private static final int CLIENTS = 8;

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

    /** Runs the load for {@code before}, does {@code fault}, runs it for {@code after} more, and checks. */
    Report run(Duration before, Runnable fault, Duration after) throws Exception {
        CommandLoad load = CommandLoad.start(CLIENTS, ACCOUNTS, this::quietConnection);
        long faultAt;
        long faultEnd;
        try {
            Thread.sleep(before.toMillis());
            faultAt = System.nanoTime();
            fault.run();
            faultEnd = System.nanoTime();
            Thread.sleep(after.toMillis());
        } finally {
            load.close();
        }
        Report report = new Report(load.commands(), load.failures, faultAt, faultEnd, Map.copyOf(marks), stored());
        report.check();
        return report;
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

    /** What the clients were told, what the store holds, and the numbers around the fault. */
    record Report(List<CommandLoad.Command> commands, Map<String, ?> failures, long faultAt, long faultEnd,
                  Map<String, Long> marks, Map<String, List<StoredEvent>> stored) {

        void check() {
            Map<String, CommandLoad.Command> byId = commands.stream()
                    .collect(Collectors.toMap(CommandLoad.Command::id, c -> c));
            Map<String, Integer> storedIds = new HashMap<>();
            for (List<StoredEvent> events : stored.values()) {
                for (StoredEvent event : events) {
                    String id = event.meta().get("causation-id");
                    if (id != null && byId.containsKey(id)) {
                        storedIds.merge(id, 1, Integer::sum);
                    }
                }
            }
            assertThat(commands).as("commands answered").hasSizeGreaterThan(100);
            assertThat(commands).as("commands given up").noneMatch(c -> c.outcome() == CommandLoad.Outcome.GAVE_UP);
            assertThat(storedIds).as("commands stored twice").allSatisfy((id, times) -> assertThat(times).isOne());
            for (CommandLoad.Command command : commands) {
                boolean isStored = storedIds.containsKey(command.id());
                assertThat(isStored).as("%s answered %s, stored: %s", command.id(), command.outcome(), isStored)
                        .isEqualTo(command.outcome() == CommandLoad.Outcome.STORED);
            }
            stored.forEach(Report::checkAccount);
            long after = commands.stream().filter(c -> c.outcome() == CommandLoad.Outcome.STORED)
                    .filter(c -> c.sent() > faultEnd).count();
            assertThat(after).as("commands sent and stored after the fault").isPositive();
        }

        /** The balance never below zero, the budget never exceeded (one monthly window: the clock stands still). */
        private static void checkAccount(String account, List<StoredEvent> events) {
            BigDecimal balance = BigDecimal.ZERO;
            BigDecimal withdrawn = BigDecimal.ZERO;
            BigDecimal budget = null;
            for (StoredEvent event : events) {
                switch (event.data()) {
                    case FundsDeposited d -> balance = balance.add(d.amount());
                    case FundsWithdrawn w -> {
                        balance = balance.subtract(w.amount());
                        withdrawn = withdrawn.add(w.amount());
                    }
                    case BudgetSet b -> budget = b.maxWithdrawAmount();
                    default -> { }
                }
                assertThat(balance).as("%s's balance at sequence %d", account, event.sequence()).isNotNegative();
            }
            assertThat(budget).as("%s's budget", account).isNotNull();
            assertThat(withdrawn).as("%s's withdrawals against its budget", account).isLessThanOrEqualTo(BUDGET);
        }

        /** The longest time between two stored commands' answers: {start, end} in {@link System#nanoTime()}. */
        long[] longestGap() {
            long[] answered = commands.stream().filter(c -> c.outcome() == CommandLoad.Outcome.STORED)
                    .mapToLong(CommandLoad.Command::answered).sorted().toArray();
            long[] gap = {0, 0};
            for (int i = 1; i < answered.length; i++) {
                if (answered[i] - answered[i - 1] > gap[1] - gap[0]) {
                    gap = new long[]{answered[i - 1], answered[i]};
                }
            }
            return gap;
        }

        /** p50 / p99 / max of the commands that match, in ms from their first send to their answer. */
        private String latencies(java.util.function.Predicate<CommandLoad.Command> which) {
            long[] sorted = commands.stream().filter(which).mapToLong(CommandLoad.Command::latencyNanos).sorted()
                    .toArray();
            if (sorted.length == 0) {
                return "none";
            }
            return String.format(Locale.ROOT, "%d commands, p50 %,d ms, p99 %,d ms, max %,d ms", sorted.length,
                    sorted[sorted.length / 2] / 1_000_000, sorted[Math.min(sorted.length - 1,
                            (int) (sorted.length * 0.99))] / 1_000_000, sorted[sorted.length - 1] / 1_000_000);
        }

        private long sinceFault(long nanos) {
            return (nanos - faultAt) / 1_000_000;
        }

        @Override
        public String toString() {
            long storedCount = commands.stream().filter(c -> c.outcome() == CommandLoad.Outcome.STORED).count();
            long refused = commands.stream().filter(c -> c.outcome() == CommandLoad.Outcome.REFUSED).count();
            long resent = commands.stream().filter(c -> c.attempts() > 1).count();
            long[] gap = longestGap();
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d commands: %d stored (each once), %d"
                            + " refused by the domain, %d sent more than once; none lost, none given up%n  the fault "
                            + "at 0 ms", commands.size(), storedCount, refused, resent));
            marks.forEach((what, when) -> text.append(", ").append(what).append(" at ").append(sinceFault(when))
                    .append(" ms"));
            text.append(String.format(Locale.ROOT, "; the fault's action done at %,d ms%n  no command stored from %,d ms"
                            + " to %,d ms: %,d ms without writes%n  all commands: %s%n  in flight at the fault or "
                            + "sent until 5 s after the writes came back: %s%n  sent more than 5 s after: %s%n  failed "
                            + "sends: %s", sinceFault(faultEnd), sinceFault(gap[0]), sinceFault(gap[1]),
                    (gap[1] - gap[0]) / 1_000_000, latencies(c -> true),
                    latencies(c -> c.answered() > faultAt && c.sent() < gap[1] + 5_000_000_000L),
                    latencies(c -> c.sent() >= gap[1] + 5_000_000_000L), failures));
            return text.toString();
        }
    }
}

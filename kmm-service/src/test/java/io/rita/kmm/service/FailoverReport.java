package io.rita.kmm.service;

import io.rita.eventstore.StoredEvent;
import io.rita.kmm.domain.BudgetSet;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.kmm.domain.FundsWithdrawn;
import io.rita.service.ServiceHeaders;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the clients of a {@link FailoverRun} were told, what the store holds afterwards, and the
 * numbers around the fault: {@link #check()} holds the promises against the store, and
 * {@link #toString()} says what the clients saw, ending with one line for the table in
 * docs/operations.md ("Failover, measured"). Times are {@link System#nanoTime()}.
 *
 * @param budget      the budget every account has (one monthly window: the clock stands still)
 * @param stored      every account's events, read once every node had caught up
 * @param missedEarly per account, how many of those a load right after the run did not return
 * @param messageAt   what the stream holds at a sequence, for the message of a failed check
 */
record FailoverReport(String fault, List<CommandLoad.Command> commands, Map<String, ?> failures, long faultAt,
                      long faultEnd, Map<String, Long> marks, Map<String, List<StoredEvent>> stored, BigDecimal budget,
                      Map<String, Integer> missedEarly, LongFunction<String> messageAt) {

    /**
     * A pause between two stored commands' answers at least this long counts as a window without
     * writes: eight clients store a command every few milliseconds, and even on a loaded machine,
     * where one command may take a second, far more often than once a second.
     */
    static final long WINDOW_NANOS = 1_000_000_000L;
    /** How long after the last window without writes the commands still count as "around the fault". */
    static final long AROUND_NANOS = 5_000_000_000L;

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
            assertThat(isStored).as("%s answered %s (with sequence %d, %,d ms after the fault, after %d sends),"
                                    + " stored: %s; the stream at that sequence: %s; a load right after the run missed"
                                    + " %s", command.id(), command.outcome(), command.sequence(),
                            (command.answered() - faultAt) / 1_000_000, command.attempts(), isStored,
                            command.sequence() > 0 ? messageAt.apply(command.sequence()) : "-", missedEarly)
                    .isEqualTo(command.outcome() == CommandLoad.Outcome.STORED);
        }
        stored.forEach(this::checkAccount);
        // while there is no leader: a 503 that says to send the command again with the same id, or no
        // answer in time (after which that resend is safe); never another error, never a wrong success
        assertThat(failures.keySet()).as("what the clients got while the command was not answered")
                .allSatisfy(failure -> assertThat(failure).satisfiesAnyOf(
                        f -> assertThat(f).isIn("timeout", "no responders", "status 503"),
                        f -> assertThat(f).startsWith("503 the event store is unavailable for now (")
                                .endsWith("): the command may or may not be stored; send it again with the same "
                                        + ServiceHeaders.COMMAND_ID + " and it counts once")));
        long after = commands.stream().filter(c -> c.outcome() == CommandLoad.Outcome.STORED)
                .filter(c -> c.sent() > faultEnd).count();
        assertThat(after).as("commands sent and stored after the fault").isPositive();
    }

    /** The balance never below zero, the budget never exceeded. */
    private void checkAccount(String account, List<StoredEvent> events) {
        BigDecimal balance = BigDecimal.ZERO;
        BigDecimal withdrawn = BigDecimal.ZERO;
        BigDecimal set = null;
        for (StoredEvent event : events) {
            switch (event.data()) {
                case FundsDeposited d -> balance = balance.add(d.amount());
                case FundsWithdrawn w -> {
                    balance = balance.subtract(w.amount());
                    withdrawn = withdrawn.add(w.amount());
                }
                case BudgetSet b -> set = b.maxWithdrawAmount();
                default -> { }
            }
            assertThat(balance).as("%s's balance at sequence %d", account, event.sequence()).isNotNegative();
        }
        assertThat(set).as("%s's budget", account).isNotNull();
        assertThat(withdrawn).as("%s's withdrawals against its budget", account).isLessThanOrEqualTo(budget);
    }

    /**
     * The windows without writes that end after the fault began: pauses of at least
     * {@link #WINDOW_NANOS} between two stored commands' answers, each {start, end}.
     */
    List<long[]> windows() {
        long[] answered = commands.stream().filter(c -> c.outcome() == CommandLoad.Outcome.STORED)
                .mapToLong(CommandLoad.Command::answered).sorted().toArray();
        List<long[]> windows = new ArrayList<>();
        for (int i = 1; i < answered.length; i++) {
            if (answered[i] > faultAt && answered[i] - answered[i - 1] >= WINDOW_NANOS) {
                windows.add(new long[]{answered[i - 1], answered[i]});
            }
        }
        return windows;
    }

    /** When writes were back for good: the end of the last window without writes (the fault, without one). */
    private long writesBack() {
        List<long[]> windows = windows();
        return windows.isEmpty() ? faultAt : windows.getLast()[1];
    }

    /** p50 / p99 / max of the commands that match, in ms from their first send to their answer. */
    private String latencies(Predicate<CommandLoad.Command> which) {
        long[] sorted = commands.stream().filter(which).mapToLong(CommandLoad.Command::latencyNanos).sorted()
                .toArray();
        if (sorted.length == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "%d commands, p50 %,d ms, p99 %,d ms, max %,d ms", sorted.length,
                sorted[sorted.length / 2] / 1_000_000, sorted[Math.min(sorted.length - 1,
                        (int) (sorted.length * 0.99))] / 1_000_000, sorted[sorted.length - 1] / 1_000_000);
    }

    private Predicate<CommandLoad.Command> before() {
        return c -> c.answered() < faultAt;
    }

    /** In flight at the fault, or sent from then until {@link #AROUND_NANOS} after writes were back. */
    private Predicate<CommandLoad.Command> around() {
        long until = writesBack() + AROUND_NANOS;
        return c -> c.answered() >= faultAt && c.sent() < until;
    }

    private Predicate<CommandLoad.Command> afterwards() {
        long from = writesBack() + AROUND_NANOS;
        return c -> c.sent() >= from;
    }

    private long sinceFault(long nanos) {
        return (nanos - faultAt) / 1_000_000;
    }

    private long count(Predicate<String> which) {
        return failures.entrySet().stream().filter(e -> which.test(e.getKey()))
                .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        long storedCount = commands.stream().filter(c -> c.outcome() == CommandLoad.Outcome.STORED).count();
        long refused = commands.stream().filter(c -> c.outcome() == CommandLoad.Outcome.REFUSED).count();
        long resent = commands.stream().filter(c -> c.attempts() > 1).count();
        List<long[]> windows = windows();
        long without = windows.stream().mapToLong(w -> w[1] - w[0]).sum() / 1_000_000;
        String spans = windows.isEmpty() ? "none" : windows.stream().map(w -> String.format(Locale.ROOT,
                "%,d to %,d ms (%,d ms)", sinceFault(w[0]), sinceFault(w[1]), (w[1] - w[0]) / 1_000_000))
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %d commands: %d stored (each once), %d"
                + " refused by the domain, %d sent more than once; none lost, none given up%n  the fault at 0 ms",
                fault, commands.size(), storedCount, refused, resent));
        // in the order they happened (the map the run hands over keeps none)
        marks.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(mark -> text.append(", ")
                .append(mark.getKey()).append(" at ").append(sinceFault(mark.getValue())).append(" ms"));
        text.append(String.format(Locale.ROOT, "; the fault's action done at %,d ms%n  without writes (pauses of"
                        + " 1 s or more between stored commands): %s; %,d ms in all%n  before the fault: %s%n  in"
                        + " flight at the fault or sent until 5 s after the writes came back: %s%n  sent later: %s%n"
                        + "  failed sends: %s%n  a load right after the run missed (events per account, found"
                        + " once every node had caught up): %s", sinceFault(faultEnd), spans, without,
                latencies(before()), latencies(around()), latencies(afterwards()), failures,
                missedEarly.isEmpty() ? "nothing" : missedEarly));
        long[] sorted = commands.stream().filter(around()).mapToLong(CommandLoad.Command::latencyNanos).sorted()
                .toArray();
        long[] calm = commands.stream().filter(before()).mapToLong(CommandLoad.Command::latencyNanos).sorted()
                .toArray();
        // one row for the table in docs/operations.md
        text.append(String.format(Locale.ROOT, "%n  row: | %s | %s | %s | %,d | %s | %,.1f | %,.1f | %,.2f | %d | %d |",
                Instant.now().truncatedTo(ChronoUnit.MINUTES), fault, loadAverage(), without,
                windows.isEmpty() ? "-" : windows.stream().map(w -> String.format(Locale.ROOT, "%,.1f",
                        (w[1] - w[0]) / 1e9)).collect(Collectors.joining(" + ")),
                sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e9,
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e9,
                calm.length == 0 ? 0 : calm[Math.min(calm.length - 1, (int) (calm.length * 0.99))] / 1e9,
                count(f -> f.startsWith("503")), count(f -> f.equals("timeout"))));
        return text.toString();
    }
}

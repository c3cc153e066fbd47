package io.rita.kmm.service.cli;

import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The seed's session, run through the real {@code kmm} commands in this process and printed as
 * a transcript: {@code $ kmm ...} lines followed by what each command printed.
 */
final class DemoSession {

    /** Something to do before the budget part of the session (waiting for a fresh minute). */
    interface Pause {
        void before(PrintWriter out) throws InterruptedException;
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final String url;
    private final ZoneId zone;
    private int unexpected;

    DemoSession(PrintWriter out, PrintWriter err, String url, ZoneId zone) {
        this.out = out;
        this.err = err;
        this.url = url;
        this.zone = zone;
    }

    /** Runs the session; returns how many commands did not end as the session expects. */
    int run(Pause beforeWithdrawals) throws InterruptedException {
        expect(0, "deposit", "bobby", "50", "birthday money");
        expect(0, "deposit", "susie", "20", "grass mowing");
        expect(0, "deposit", "susie", "10", "allowance");
        expect(0, "balance", "susie");
        beforeWithdrawals.before(out);
        expect(0, "withdraw", "susie", "7.50", "baseball cards");
        note("history only: --max 3 stops after three entries instead of following until Ctrl-C");
        expect(0, "ledger", "susie", "--max", "3");
        expect(0, "set-budget", "susie", "20", "minutely");
        expect(0, "withdraw", "susie", "4.25", "ice cream");
        note("7.50 + 4.25 + 10 would be more than 20 in this minute:");
        expect(Kmm.REFUSED, "withdraw", "susie", "10", "video game");
        expect(0, "last-budget-period", "susie");
        expect(0, "remove-budget", "susie");
        expect(0, "last-budget-period", "susie");
        expect(0, "balance", "susie");
        note("without a budget, the balance is the limit:");
        expect(Kmm.REFUSED, "withdraw", "susie", "100", "bike");
        liveLedger();
        accounts();
        return unexpected;
    }

    /**
     * {@code kmm accounts}: the list comes from a read model (the accounts projection), which
     * follows the events within about a second, so the session waits (10 s at most) until it
     * shows bobby's last deposit before asking, as the transcript says.
     */
    private void accounts() throws InterruptedException {
        out.println();
        note("a parent's list of every account, from the accounts projection (a read model that follows");
        note("the events within about a second; the demo waits until it shows bobby's last deposit)");
        try (KmmClient client = KmmClient.connect(NatsUrl.parse(url), Duration.ofSeconds(5))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.accounts().stream().noneMatch(a -> a.account().equals("bobby")
                    && a.balance().compareTo(BigDecimal.valueOf(55)) == 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        expect(0, "accounts");
    }

    /** {@code kmm ledger bobby} in the background, then a deposit that it prints as it happens. */
    private void liveLedger() throws InterruptedException {
        out.println();
        note("the ledger keeps streaming: follow bobby's in the background (stop after 2 entries), then deposit");
        String[] ledger = {"ledger", "bobby", "--max", "2"};
        show(ledger, " &");
        CountDownLatch firstLine = new CountDownLatch(1);
        PrintWriter lines = new PrintWriter(new LineSignal(out, firstLine), true);
        int[] code = {-1};
        Thread follower = Thread.ofPlatform().name("demo-ledger").start(
                () -> code[0] = Kmm.run(lines, err, withUrl(ledger)));
        if (!firstLine.await(10, TimeUnit.SECONDS)) {
            note("the ledger printed nothing within 10 s");
            unexpected++;
        }
        expect(0, "deposit", "bobby", "5", "pocket money");
        follower.join(TimeUnit.SECONDS.toMillis(10));
        if (follower.isAlive() || code[0] != 0) {
            note("the background ledger did not end as expected (exit " + code[0] + ")");
            follower.interrupt();
            unexpected++;
        }
    }

    private void expect(int exitCode, String... args) {
        show(args, "");
        StringWriter errors = new StringWriter();
        PrintWriter errorLines = new PrintWriter(errors, true);
        int code = Kmm.run(out, errorLines, withUrl(args));
        out.print(errors);
        out.flush();
        if (code != exitCode) {
            out.println("# unexpected exit code " + code + " (expected " + exitCode + ")");
            unexpected++;
        }
    }

    private String[] withUrl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--nats.url=" + url);
        if (args[0].equals("ledger") || args[0].equals("last-budget-period")) {
            all.add("--zone=" + zone.getId());
        }
        return all.toArray(String[]::new);
    }

    private void show(String[] args, String suffix) {
        StringBuilder line = new StringBuilder("$ kmm");
        for (String arg : args) {
            line.append(' ').append(arg.contains(" ") ? "'" + arg + "'" : arg);
        }
        out.println(line.append(suffix));
        out.flush();
    }

    private void note(String text) {
        out.println("# " + text);
    }

    /** Deletes a directory tree, best effort: a demo's temporary data. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a leftover in the temp directory harms nothing
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}

package io.rita.kmm.service;

import io.rita.kmm.service.KmmProcess.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed article's session, process to process: {@code kmm serve --nats.embed} in one child
 * JVM, every client command in another, as a user's terminals would run them. Times are checked
 * for their shape, everything else line by line. The steps run in order and build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedSessionEndToEndTest {

    /** {@code Mon May 30 13:41:53 2022}, Go's ANSIC layout. */
    private static final String TIME = "\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}";

    @TempDir
    static Path dataDir;

    private KmmProcess serve;
    private String url;

    @BeforeAll
    void startService() {
        // a free port and a data directory of its own: no clash with a `kmm serve --nats.embed` on 4837
        serve = KmmProcess.serve("--nats.embed", "--nats.port", "0", "--data-dir", dataDir.toString());
        url = serve.url();
    }

    @AfterAll
    void stopService() {
        if (serve != null) {
            serve.close();
        }
    }

    private Result kmm(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--nats.url=" + url;
        return KmmProcess.run(all);
    }

    private static void succeedsSilently(Result result) {
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    @Order(1)
    void deposits_print_nothing_and_exit_0() {
        succeedsSilently(kmm("deposit", "bobby", "50", "birthday money"));
        succeedsSilently(kmm("deposit", "susie", "20", "grass mowing"));
        succeedsSilently(kmm("deposit", "susie", "10", "allowance"));
    }

    @Test
    @Order(2)
    void balance_prints_the_amount() {
        Result balance = kmm("balance", "susie");

        assertThat(balance.out()).containsExactly("30");
        assertThat(balance.exitCode()).isZero();
    }

    @Test
    @Order(3)
    void ledger_prints_history_then_follows_live_while_budget_is_set_and_spent() throws InterruptedException {
        awaitMinuteWithRoom();
        succeedsSilently(kmm("withdraw", "susie", "7.50", "baseball cards"));

        try (KmmProcess ledger = KmmProcess.start("ledger", "susie", "--max", "4", "--nats.url=" + url)) {
            assertThat(ledger.nextLine()).matches("\\+20 \\| " + TIME + " \\| grass mowing");
            assertThat(ledger.nextLine()).matches("\\+10 \\| " + TIME + " \\| allowance");
            assertThat(ledger.nextLine()).matches("-7\\.5 \\| " + TIME + " \\| baseball cards");

            succeedsSilently(kmm("set-budget", "susie", "20", "minutely"));
            succeedsSilently(kmm("withdraw", "susie", "4.25", "ice cream"));

            // printed by the ledger that was already running: the live part of the stream
            assertThat(ledger.nextLine()).matches("-4\\.25 \\| " + TIME + " \\| ice cream");
            Result ended = ledger.await();
            assertThat(ended.exitCode()).isZero();
            assertThat(ended.out()).isEmpty();
        }
    }

    @Test
    @Order(4)
    void withdrawal_over_the_budget_is_refused_on_stderr_with_exit_1() {
        Result refused = kmm("withdraw", "susie", "10", "video game");

        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).containsExactly("kmm: withdrawal would exceed max amount allowed in current period");
        assertThat(refused.exitCode()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void last_budget_period_prints_the_four_lines() {
        Result period = kmm("last-budget-period", "susie");

        assertThat(period.exitCode()).isZero();
        assertThat(period.out()).hasSize(4);
        assertThat(period.out().get(0)).matches("period start: " + TIME);
        assertThat(period.out().get(1)).matches("period end: " + TIME);
        LocalDateTime start = ansic(period.out().get(0).substring("period start: ".length()));
        LocalDateTime end = ansic(period.out().get(1).substring("period end: ".length()));
        assertThat(start.getSecond()).isZero();
        assertThat(end).isEqualTo(start.plusMinutes(1));
        assertThat(period.out().subList(2, 4)).containsExactly("withdrawals: 2", "total withdrawn: 11.75");
    }

    @Test
    @Order(6)
    void remove_budget_leaves_no_budget() {
        succeedsSilently(kmm("remove-budget", "susie"));

        assertThat(kmm("last-budget-period", "susie").out()).containsExactly("no budget set");
        assertThat(kmm("balance", "susie").out()).containsExactly("18.25");
    }

    @Test
    @Order(7)
    void a_stopped_service_is_reported_with_a_hint_and_exit_3() {
        Result stopped = serve.stop();
        assertThat(stopped.exitCode()).as("kmm serve stopped by SIGTERM; stderr: %s", stopped.err()).isIn(0, 143);

        Result unreachable = kmm("balance", "susie");

        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).containsExactly("kmm: cannot reach NATS at " + url
                + ": is `kmm serve --nats.embed` running? (or pass --nats.url / set NATS_URL)");
    }

    @Test
    @Order(8)
    void the_data_is_still_there_after_the_server_restarts() {
        String port = Integer.toString(URI.create(url).getPort());
        serve = KmmProcess.serve("--nats.embed", "--nats.port", port, "--data-dir", dataDir.toString());
        assertThat(serve.url()).isEqualTo(url);

        assertThat(kmm("balance", "susie").out()).containsExactly("18.25");
        assertThat(kmm("balance", "bobby").out()).containsExactly("50");
        assertThat(kmm("ledger", "susie", "--max", "4").out()).hasSize(4)
                .last().asString().matches("-4\\.25 \\| " + TIME + " \\| ice cream");
    }

    private static LocalDateTime ansic(String time) {
        return LocalDateTime.parse(time, DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));
    }

    /**
     * The budget check expects the first two withdrawals in one clock minute (the budget is
     * minutely and counts the whole minute); a few JVM starts lie between them. Near the end of
     * a minute, wait for the next one to begin.
     */
    private static void awaitMinuteWithRoom() throws InterruptedException {
        LocalTime now = LocalTime.now();
        if (now.getSecond() >= 40) {
            Thread.sleep((60 - now.getSecond()) * 1000L - now.getNano() / 1_000_000 + 50);
        }
    }
}

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed article's session, process to process: {@code kmm serve --nats.embed} in one child
 * JVM, every client command in another, as a user's terminals would run them. Every command's
 * standard output, standard error and exit code are checked in full. The steps run in order and
 * build on each other.
 *
 * <p>The service runs on a clock that stands still at the seed's first time ({@code
 * --fixed-clock}, a test-only option) and every process in UTC: each event gets the time
 * {@value #AT}, so every line is exact, times included, and the minutely budget cannot roll
 * over between two slow process starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedSessionEndToEndTest {

    private static final String CLOCK = "2022-05-30T13:41:53Z";
    /** {@link #CLOCK} as the client prints it: Go's ANSIC layout, in UTC. */
    private static final String AT = "Mon May 30 13:41:53 2022";

    @TempDir
    static Path dataDir;

    private KmmProcess serve;
    private String url;

    @BeforeAll
    void startService() {
        // a free port and a data directory of its own: no clash with a `kmm serve --nats.embed` on 4837
        serve = serve("0");
        url = serve.url();
    }

    @AfterAll
    void stopService() {
        if (serve != null) {
            serve.close();
        }
    }

    private static KmmProcess serve(String port) {
        return KmmProcess.serve("--nats.embed", "--nats.port", port, "--data-dir", dataDir.toString(),
                "--fixed-clock", CLOCK);
    }

    private Result kmm(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--nats.url=" + url;
        return KmmProcess.run(all);
    }

    private static void printsExactly(Result result, String... lines) {
        assertThat(result.err()).as("stderr").isEmpty();
        assertThat(result.out()).as("stdout").containsExactly(lines);
        assertThat(result.exitCode()).as("exit code").isZero();
    }

    private static void isRefused(Result result, int exitCode, String error) {
        assertThat(result.out()).as("stdout").isEmpty();
        assertThat(result.err()).as("stderr").containsExactly(error);
        assertThat(result.exitCode()).as("exit code").isEqualTo(exitCode);
    }

    @Test
    @Order(1)
    void deposits_print_nothing_and_exit_0() {
        printsExactly(kmm("deposit", "bobby", "50", "birthday money"));
        printsExactly(kmm("deposit", "susie", "20", "grass mowing"));
        printsExactly(kmm("deposit", "susie", "10", "allowance"));
    }

    @Test
    @Order(2)
    void balance_prints_the_amount() {
        printsExactly(kmm("balance", "susie"), "30");
    }

    @Test
    @Order(3)
    void ledger_prints_history_then_follows_live_while_budget_is_set_and_spent() {
        printsExactly(kmm("withdraw", "susie", "7.50", "baseball cards"));

        try (KmmProcess ledger = KmmProcess.start("ledger", "susie", "--max", "4", "--nats.url=" + url)) {
            assertThat(ledger.nextLine()).isEqualTo("+20 | " + AT + " | grass mowing");
            assertThat(ledger.nextLine()).isEqualTo("+10 | " + AT + " | allowance");
            assertThat(ledger.nextLine()).isEqualTo("-7.5 | " + AT + " | baseball cards");

            printsExactly(kmm("set-budget", "susie", "20", "minutely"));
            printsExactly(kmm("withdraw", "susie", "4.25", "ice cream"));

            // printed by the ledger that was already running: the live part of the stream
            assertThat(ledger.nextLine()).isEqualTo("-4.25 | " + AT + " | ice cream");
            printsExactly(ledger.await());
        }
    }

    @Test
    @Order(4)
    void withdrawal_over_the_budget_is_refused_on_stderr_with_exit_1() {
        isRefused(kmm("withdraw", "susie", "10", "video game"), 1,
                "kmm: withdrawal would exceed max amount allowed in current period");
    }

    @Test
    @Order(5)
    void a_negative_amount_reaches_the_service_and_is_refused_with_exit_1() {
        isRefused(kmm("withdraw", "susie", "-5"), 1, "kmm: amount must be greater than zero");
    }

    @Test
    @Order(6)
    void last_budget_period_prints_the_four_lines() {
        printsExactly(kmm("last-budget-period", "susie"),
                "period start: Mon May 30 13:41:00 2022",
                "period end: Mon May 30 13:42:00 2022",
                "withdrawals: 2",
                "total withdrawn: 11.75");
    }

    @Test
    @Order(7)
    void remove_budget_leaves_no_budget_for_clients_that_find_the_server_through_NATS_URL() {
        Map<String, String> environment = Map.of("NATS_URL", url);

        printsExactly(KmmProcess.run(environment, "remove-budget", "susie"));
        printsExactly(KmmProcess.run(environment, "last-budget-period", "susie"), "no budget set");
        printsExactly(KmmProcess.run(environment, "balance", "susie"), "18.25");
    }

    @Test
    @Order(8)
    void a_stopped_service_is_reported_with_a_hint_and_exit_3() {
        Result stopped = serve.stop();
        assertThat(stopped.out()).as("stdout after the ready line").isEmpty();
        assertThat(stopped.err()).as("stderr").isEmpty();
        assertThat(stopped.exitCode()).as("kmm serve stopped by SIGTERM").isIn(0, 143);

        isRefused(kmm("balance", "susie"), 3, "kmm: cannot reach NATS at " + url
                + ": is `kmm serve --nats.embed` running? (or pass --nats.url / set NATS_URL)");
    }

    @Test
    @Order(9)
    void the_data_is_still_there_after_the_server_restarts() {
        serve = serve(Integer.toString(URI.create(url).getPort()));
        assertThat(serve.url()).isEqualTo(url);

        printsExactly(kmm("balance", "susie"), "18.25");
        printsExactly(kmm("balance", "bobby"), "50");
        printsExactly(kmm("ledger", "susie", "--max", "4"),
                "+20 | " + AT + " | grass mowing",
                "+10 | " + AT + " | allowance",
                "-7.5 | " + AT + " | baseball cards",
                "-4.25 | " + AT + " | ice cream");
    }
}

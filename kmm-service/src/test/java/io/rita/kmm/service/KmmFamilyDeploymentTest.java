package io.rita.kmm.service;

import io.rita.kmm.service.KmmProcess.Result;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's deployment, reproduced locally with the documented example configuration
 * ({@code docs/examples/kmm-two-accounts.conf}): {@code kmm serve} in account KMM, where the
 * stream lives, exporting {@code kmm.services.>} and {@code kmm.streams.*}; a parent and a kid
 * in account FAMILY, which imports both. The parent runs the seed's whole session, the live
 * ledger included (its deliveries cross the stream import); the kid may withdraw and read, and a
 * deposit or a budget change is refused by NATS at once, exit 1. Every process is a real
 * {@code kmm} in a child JVM that finds its user in a {@code nats} context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class KmmFamilyDeploymentTest {

    static final Path CONFIG = Path.of("..", "docs", "examples", "kmm-two-accounts.conf");
    private static final String CLOCK = "2022-05-30T13:41:53Z";
    private static final String AT = "Mon May 30 13:41:53 2022";

    @TempDir
    static Path dir;

    private NatsServerProcess nats;
    private KmmProcess serve;
    private NatsContextFiles contexts;
    private String url;

    @BeforeAll
    void deploy() throws Exception {
        nats = NatsServerProcess.of(NatsServerOptions.inDirectory(dir.resolve("store"))
                .withConfig(Files.readString(CONFIG))).start();
        url = nats.url();
        contexts = new NatsContextFiles(dir.resolve("config"));
        contexts.save("kmm", Map.of("url", url, "user", "kmm", "password", "kmm-service-secret"));
        contexts.save("mum", Map.of("url", url, "user", "mum", "password", "mum-secret"));
        contexts.save("susie", Map.of("url", url, "user", "susie", "password", "susie-secret"));
        serve = KmmProcess.serve(contexts.environment(), "--nats.context", "kmm", "--fixed-clock", CLOCK);
    }

    @AfterAll
    void stop() {
        if (serve != null) {
            serve.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    /** {@code kmm} as the user of this context, named through {@code NATS_CONTEXT}. */
    private Result as(String user, String... args) {
        return KmmProcess.run(environment(user), args);
    }

    private Map<String, String> environment(String user) {
        Map<String, String> environment = new HashMap<>(contexts.environment());
        environment.put("NATS_CONTEXT", user);
        return environment;
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
    void the_service_serves_in_the_kmm_account_with_its_stream_there() {
        assertThat(serve.url()).isEqualTo(url);
    }

    @Test
    @Order(2)
    void a_parent_in_the_family_account_runs_the_seed_session_with_the_live_ledger() {
        printsExactly(as("mum", "deposit", "bobby", "50", "birthday money"));
        printsExactly(as("mum", "deposit", "susie", "20", "grass mowing"));
        printsExactly(as("mum", "deposit", "susie", "10", "allowance"));
        printsExactly(as("mum", "balance", "susie"), "30");
        printsExactly(as("mum", "withdraw", "susie", "7.50", "baseball cards"));

        try (KmmProcess ledger = KmmProcess.start(environment("mum"), "ledger", "susie", "--max", "4")) {
            assertThat(ledger.nextLine()).isEqualTo("+20 | " + AT + " | grass mowing");
            assertThat(ledger.nextLine()).isEqualTo("+10 | " + AT + " | allowance");
            assertThat(ledger.nextLine()).isEqualTo("-7.5 | " + AT + " | baseball cards");

            printsExactly(as("mum", "set-budget", "susie", "20", "minutely"));
            printsExactly(as("mum", "withdraw", "susie", "4.25", "ice cream"));

            // delivered live, through the stream import, to the ledger that was already running
            assertThat(ledger.nextLine()).isEqualTo("-4.25 | " + AT + " | ice cream");
            printsExactly(ledger.await());
        }
        isRefused(as("mum", "withdraw", "susie", "10", "video game"), 1,
                "kmm: withdrawal would exceed max amount allowed in current period");
        printsExactly(as("mum", "last-budget-period", "susie"),
                "period start: Mon May 30 13:41:00 2022",
                "period end: Mon May 30 13:42:00 2022",
                "withdrawals: 2",
                "total withdrawn: 11.75");
        printsExactly(as("mum", "remove-budget", "susie"));
        printsExactly(as("mum", "last-budget-period", "susie"), "no budget set");
        printsExactly(as("mum", "balance", "susie"), "18.25");
    }

    @Test
    @Order(3)
    void a_kid_may_withdraw_and_read_their_account() {
        printsExactly(as("susie", "withdraw", "susie", "1.25", "gum"));
        printsExactly(as("susie", "balance", "susie"), "17");
        printsExactly(as("susie", "last-budget-period", "susie"), "no budget set");
        printsExactly(as("susie", "ledger", "susie", "--max", "5"),
                "+20 | " + AT + " | grass mowing",
                "+10 | " + AT + " | allowance",
                "-7.5 | " + AT + " | baseball cards",
                "-4.25 | " + AT + " | ice cream",
                "-1.25 | " + AT + " | gum");
    }

    @Test
    @Order(4)
    void a_kid_may_not_deposit_and_is_told_at_once_not_after_the_timeout() {
        long start = System.nanoTime();
        Result deposit = as("susie", "deposit", "susie", "100", "pocket money?", "--timeout", "60");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        isRefused(deposit, 1, "kmm: permission denied: this user may not deposit");
        // a child JVM starts in about a second; waiting for the answer would take the 60 s timeout
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    @Order(5)
    void a_kid_may_not_change_budgets_nor_touch_another_account() {
        isRefused(as("susie", "set-budget", "susie", "1000", "daily"), 1,
                "kmm: permission denied: this user may not set budgets");
        isRefused(as("susie", "remove-budget", "susie"), 1, "kmm: permission denied: this user may not remove budgets");
        isRefused(as("susie", "withdraw", "bobby", "5"), 1, "kmm: permission denied: this user may not withdraw");
        isRefused(as("susie", "balance", "bobby"), 1, "kmm: permission denied: this user may not read balances");
    }

    @Test
    @Order(6)
    void nothing_a_kid_was_refused_was_applied() {
        printsExactly(as("mum", "balance", "susie"), "17");
        printsExactly(as("mum", "balance", "bobby"), "50");
        printsExactly(as("mum", "last-budget-period", "susie"), "no budget set");
    }
}

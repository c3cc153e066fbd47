package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.service.Discovery;
import io.nats.service.EndpointStats;
import io.nats.service.StatsResponse;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.kmm.domain.AccountDecider;
import io.rita.kmm.domain.BudgetPeriod;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty clients withdrawing from one account at once, served by two {@code kmm serve}
 * processes that share one nats-server: the budget and the balance hold, and every client gets
 * a success or the domain's reason, never a raw conflict. The processes really race: their
 * {@code $SRV.STATS} show commands that met another process's append and were decided again,
 * which only the store's expected sequence can cause.
 */
class ConcurrentWithdrawalsTest {

    private static final int CLIENTS = 20;
    private static final String OK = WithdrawalRace.OK;
    /**
     * Both services' clock stands still here: the budget below is monthly, and on the real clock
     * a run across the turn of a month would see two windows and let more withdrawals through.
     */
    private static final String CLOCK = "2022-05-30T13:41:53Z";

    @TempDir
    static Path dataDir;

    private static KmmProcess first;
    private static KmmProcess second;

    @BeforeAll
    static void startTwoServices() {
        first = KmmProcess.serve("--nats.embed", "--nats.port", "0", "--data-dir", dataDir.toString(),
                "--fixed-clock", CLOCK);
        // the second finds the shared nats-server through NATS_URL, as a deployment would tell it
        second = KmmProcess.serve(Map.of("NATS_URL", first.url()), "--fixed-clock", CLOCK);
    }

    @Test
    void the_second_service_serves_on_the_server_named_by_NATS_URL() {
        assertThat(second.url()).isEqualTo(first.url());
    }

    @AfterAll
    static void stopServices() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void the_budget_holds_when_twenty_clients_withdraw_at_once() throws Exception {
        String account = "budget-race";
        try (KmmClient parent = client()) {
            parent.deposit(account, new BigDecimal("100"), "savings");
            parent.setBudget(account, new BigDecimal("30"), "monthly");
        }
        long retriesBefore = retries();

        // withdrawals of 1, so that 30 fit: the more that are stored, the surer the two services meet
        Map<String, AtomicInteger> outcomes = withdrawConcurrently(account, BigDecimal.ONE, 3);

        // the two processes raced: appends that met the other's event were decided again
        assertThat(retries() - retriesBefore).as("commands decided again after a conflict").isPositive();
        // 60 attempts of 1 against a budget of 30: exactly 30 fit
        assertThat(outcomes.keySet()).containsOnly(OK, AccountDecider.OVER_BUDGET);
        assertThat(outcomes.get(OK)).hasValue(30);
        assertThat(outcomes.get(AccountDecider.OVER_BUDGET)).hasValue(30);
        try (KmmClient parent = client()) {
            assertThat(parent.balance(account)).isEqualByComparingTo("70");
            BudgetPeriod period = parent.lastBudgetPeriod(account).orElseThrow();
            assertThat(period.withdrawalsInPeriod()).isEqualTo(30);
            assertThat(period.fundsWithdrawnInPeriod()).isEqualByComparingTo("30");
        }
        assertThat(storedEvents(account)).isEqualTo(2 + 30);
    }

    @Test
    void the_balance_never_goes_below_zero_when_twenty_clients_withdraw_at_once() throws Exception {
        String account = "funds-race";
        try (KmmClient parent = client()) {
            parent.deposit(account, new BigDecimal("20"), "allowance");
        }

        Map<String, AtomicInteger> outcomes = withdrawConcurrently(account, new BigDecimal("3"), 1);

        assertThat(outcomes.keySet()).containsOnly(OK, AccountDecider.INSUFFICIENT_FUNDS);
        assertThat(outcomes.get(OK)).hasValue(6);
        assertThat(outcomes.get(AccountDecider.INSUFFICIENT_FUNDS)).hasValue(14);
        try (KmmClient parent = client()) {
            assertThat(parent.balance(account)).isEqualByComparingTo("2");
        }
        assertThat(storedEvents(account)).isEqualTo(1 + 6);
    }

    @Test
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException
    void both_services_take_a_share_of_the_requests() throws Exception {
        String account = "shared";
        withdrawConcurrently(account, BigDecimal.ONE, 2); // 40 requests, refused for lack of funds

        try (Connection connection = Nats.connect(first.url())) {
            List<StatsResponse> stats = new Discovery(connection, 10_000, 2).stats(KmmServer.SERVICE_NAME);
            assertThat(stats).hasSize(2);
            for (StatsResponse instance : stats) {
                long served = instance.getEndpointStatsList().stream().mapToLong(EndpointStats::getNumRequests).sum();
                assertThat(served).as("requests served by %s", instance.getId()).isPositive();
            }
        }
    }

    /** The commands decided again after a conflict, over every endpoint of both services ($SRV.STATS data). */
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException
    private static long retries() throws Exception {
        try (Connection connection = Nats.connect(first.url())) {
            List<StatsResponse> stats = new Discovery(connection, 10_000, 2).stats(KmmServer.SERVICE_NAME);
            assertThat(stats).hasSize(2);
            long retries = 0;
            for (StatsResponse instance : stats) {
                for (EndpointStats endpoint : instance.getEndpointStatsList()) {
                    if (endpoint.getData() != null && endpoint.getData().map != null
                            && endpoint.getData().map.get("retries") != null) {
                        retries += endpoint.getData().map.get("retries").number.longValue();
                    }
                }
            }
            return retries;
        }
    }

    /** Every client starts at the same moment and withdraws {@code times} times; outcomes by reply text. */
    private static Map<String, AtomicInteger> withdrawConcurrently(String account, BigDecimal amount, int times)
            throws Exception {
        return WithdrawalRace.run(ConcurrentWithdrawalsTest::client, account, amount, CLIENTS, times);
    }

    private static KmmClient client() {
        return KmmClient.connect(NatsUrl.parse(first.url()), Duration.ofSeconds(10));
    }

    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException
    private static int storedEvents(String account) throws Exception {
        try (Connection connection = Nats.connect(first.url())) {
            return Rita.of(connection, RitaOptions.defaults().withTypes(KmmWire.types()))
                    .eventStore(KmmSubjects.STORE).load(KmmSubjects.account(account)).events().size();
        }
    }
}

package io.rita.kmm.service;

import io.rita.eventstore.StoredEvent;
import io.rita.kmm.domain.AccountDecider;
import io.rita.kmm.domain.BudgetSet;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.kmm.domain.FundsWithdrawn;
import io.rita.kmm.domain.Period;
import io.rita.test.DeciderFixture;
import io.rita.test.Handled;
import io.rita.test.HandlerFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KMM's routes through the production dispatcher on an in-memory store: request subjects, the
 * Go original's JSON bodies and replies, the account's aggregate subject, and the decision
 * taken again after another writer got in between load and append. No NATS.
 */
class KmmRoutesTest {

    private static final Instant NOW = DeciderFixture.DEFAULT_TIME;   // 2022-05-30T13:41:53Z
    private static final String SUSIE = "kmm.events.accounts.susie";
    private static final String OVER = "kmm: withdrawal would exceed max amount allowed in current period";

    // the routes and JSON of kmm serve, built per scenario with the scenario's clock, on a store
    // that binds what kmm serve's stream binds
    private final HandlerFixture kmm = HandlerFixture.of(KmmWire.types(), List.of(KmmSubjects.STORE_SUBJECTS),
                    clock -> KmmRoutes.of(new AccountDecider(clock, ZoneOffset.UTC)))
            .withDispatchOptions(options -> options.withJson(KmmWire.mapper()));

    @Test
    void stores_a_deposit_on_the_accounts_subject() {
        kmm.when("kmm.services.susie.deposit-funds", "{\"Amount\":\"20\",\"Description\":\"grass mowing\"}")
                .thenStored(SUSIE, new FundsDeposited(money("20"), "grass mowing", NOW));
    }

    @Test
    void answers_the_balance_in_the_originals_json() {
        kmm.given(SUSIE, new FundsDeposited(money("20"), "grass mowing", NOW),
                        new FundsDeposited(money("10"), "allowance", NOW),
                        new FundsWithdrawn(money("7.5"), "baseball cards", NOW, false))
                .when("kmm.services.susie.balance", "")
                .thenReplied("{\"Amount\":\"22.5\"}");
    }

    @Test
    void rejects_a_withdrawal_over_budget_and_stores_nothing() {
        Handled handled = kmm.at(utc("2022-05-30T13:45:30"))
                .given(SUSIE, new FundsDeposited(money("50"), "", NOW),
                        new BudgetSet(money("20"), Period.MINUTELY, utc("2022-05-30T13:45:05"),
                                utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00")),
                        new FundsWithdrawn(money("15"), "", utc("2022-05-30T13:45:10"), true))
                .when("kmm.services.susie.withdraw-funds", "{\"Amount\":\"7.5\",\"Description\":\"x\"}")
                .thenRejected(OVER);

        // the whole text, as the Go original's client prints it
        assertThat(handled.reply().text()).isEqualTo(OVER);
    }

    @Test
    void withdraws_after_a_deposit_that_got_in_between_load_and_append() {
        Handled handled = kmm.given(SUSIE, new FundsDeposited(money("20"), "grass mowing", NOW))
                .when("kmm.services.susie.withdraw-funds", "{\"Amount\":\"7.5\",\"Description\":\"x\"}")
                .concurrently(SUSIE, new FundsDeposited(money("10"), "allowance", NOW))
                .thenStored(SUSIE, new FundsWithdrawn(money("7.5"), "x", NOW, false));

        // the withdrawal was appended after the deposit it conflicted with: it was decided again
        assertThat(handled.store().load(SUSIE).events()).extracting(StoredEvent::data).containsExactly(
                new FundsDeposited(money("20"), "grass mowing", NOW),
                new FundsDeposited(money("10"), "allowance", NOW),
                new FundsWithdrawn(money("7.5"), "x", NOW, false));
    }

    @Test
    void rejects_a_withdrawal_when_a_concurrent_one_spent_the_budget() {
        Handled handled = kmm.at(utc("2022-05-30T13:45:30"))
                .given(SUSIE, new FundsDeposited(money("50"), "", NOW),
                        new BudgetSet(money("20"), Period.MINUTELY, utc("2022-05-30T13:45:05"),
                                utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00")))
                .when("kmm.services.susie.withdraw-funds", "{\"Amount\":\"7.5\",\"Description\":\"x\"}")
                .concurrently(SUSIE, new FundsWithdrawn(money("15"), "", utc("2022-05-30T13:45:20"), true))
                .thenRejected(OVER);

        assertThat(handled.reply().text()).isEqualTo(OVER);
    }

    @Test
    void refuses_an_amount_that_is_not_a_number() {
        kmm.when("kmm.services.susie.deposit-funds", "{\"Amount\":\"fifty\"}")
                .thenBadRequest("kmm: Amount must be a decimal number like \"7.5\", was \"fifty\"");
    }

    @Test
    void answers_how_much_of_the_current_budget_window_is_used() {
        kmm.at(utc("2022-05-30T13:45:30"))
                .given(SUSIE, new FundsDeposited(money("50"), "", NOW),
                        new BudgetSet(money("20"), Period.MINUTELY, utc("2022-05-30T13:45:05"),
                                utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00")),
                        new FundsWithdrawn(money("15"), "", utc("2022-05-30T13:45:10"), true))
                .when("kmm.services.susie.current-budget-period", "")
                .thenReplied("{\"PolicyPeriod\":\"minutely\",\"PolicyStartTime\":\"2022-05-30T13:45:05Z\","
                        + "\"PolicyMaxWithdrawAmount\":\"20\",\"WithdrawalsInPeriod\":1,\"FundsWithdrawnInPeriod\":\"15\","
                        + "\"PeriodStartTime\":\"2022-05-30T13:45:00Z\",\"NextPeriodStartTime\":\"2022-05-30T13:46:00Z\"}");
    }

    @Test
    void answers_a_fresh_window_once_the_period_has_rolled_over() {
        kmm.at(utc("2022-05-30T13:46:10"))
                .given(SUSIE, new FundsDeposited(money("50"), "", NOW),
                        new BudgetSet(money("20"), Period.MINUTELY, utc("2022-05-30T13:45:05"),
                                utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00")),
                        new FundsWithdrawn(money("15"), "", utc("2022-05-30T13:45:10"), true))
                .when("kmm.services.susie.current-budget-period", "")
                .thenReplied("{\"PolicyPeriod\":\"minutely\",\"PolicyStartTime\":\"2022-05-30T13:45:05Z\","
                        + "\"PolicyMaxWithdrawAmount\":\"20\",\"WithdrawalsInPeriod\":0,\"FundsWithdrawnInPeriod\":\"0\","
                        + "\"PeriodStartTime\":\"2022-05-30T13:46:00Z\",\"NextPeriodStartTime\":\"2022-05-30T13:47:00Z\"}");
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    private static Instant utc(String localDateTime) {
        return Instant.parse(localDateTime + "Z");
    }
}

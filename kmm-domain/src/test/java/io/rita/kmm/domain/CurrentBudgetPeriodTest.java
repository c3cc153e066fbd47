package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.UTC;
import static io.rita.kmm.domain.Accounts.account;
import static io.rita.kmm.domain.Accounts.budgetSet;
import static io.rita.kmm.domain.Accounts.deposited;
import static io.rita.kmm.domain.Accounts.money;
import static io.rita.kmm.domain.Accounts.utc;
import static io.rita.kmm.domain.Accounts.withdraw;
import static io.rita.kmm.domain.Accounts.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How much of the budget's current window is used ({@link AccountState#budgetPeriodAt}), and
 * that it is exactly what the next withdrawal is checked against.
 */
class CurrentBudgetPeriodTest {

    private static final List<AccountEvent> BUDGET_AND_ONE_WITHDRAWAL = List.of(
            deposited("50", utc("2022-05-30T13:41:53")),
            budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:02")),
            withdrawn("5", utc("2022-05-30T13:45:20"), true));

    @Test
    void is_empty_without_a_budget() {
        AccountState state = fold(List.of(deposited("50", utc("2022-05-30T13:41:53")),
                withdrawn("5", utc("2022-05-30T13:45:20"))));

        assertThat(state.budgetPeriodAt(utc("2022-05-30T13:45:30"), UTC)).isEmpty();
    }

    @Test
    void counts_the_withdrawals_of_the_window_in_progress() {
        AccountState state = fold(BUDGET_AND_ONE_WITHDRAWAL);

        assertThat(state.budgetPeriodAt(utc("2022-05-30T13:45:59"), UTC)).contains(new BudgetPeriod(
                Period.MINUTELY, utc("2022-05-30T13:45:02"), money("20"), 1, money("5"),
                utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00")));
    }

    @Test
    void starts_from_zero_once_the_window_has_rolled_over() {
        AccountState state = fold(BUDGET_AND_ONE_WITHDRAWAL);

        // unlike last-budget-period, which still reports 13:45 until the next withdrawal
        assertThat(state.budgetPeriodAt(utc("2022-05-30T13:46:00"), UTC)).contains(new BudgetPeriod(
                Period.MINUTELY, utc("2022-05-30T13:45:02"), money("20"), 0, BigDecimal.ZERO,
                utc("2022-05-30T13:46:00"), utc("2022-05-30T13:47:00")));
        assertThat(state.lastBudgetPeriod()).hasValueSatisfying(p -> assertThat(p.withdrawalsInPeriod()).isEqualTo(1));
    }

    @Test
    void counts_withdrawals_made_in_the_window_before_the_budget_was_set() {
        AccountState state = fold(List.of(deposited("50", utc("2022-05-30T13:41:53")),
                withdrawn("7.5", utc("2022-05-30T13:45:10")),
                budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:30"))));

        assertThat(state.budgetPeriodAt(utc("2022-05-30T13:45:40"), UTC))
                .hasValueSatisfying(p -> assertThat(p.fundsWithdrawnInPeriod()).isEqualByComparingTo("7.5"));
    }

    @Test
    void a_clock_slightly_behind_the_window_still_counts_toward_it() {
        AccountState state = fold(BUDGET_AND_ONE_WITHDRAWAL);

        assertThat(state.budgetPeriodAt(utc("2022-05-30T13:44:59"), UTC))
                .hasValueSatisfying(p -> assertThat(p.periodStartTime()).isEqualTo(utc("2022-05-30T13:45:00")));
    }

    @Test
    void the_decider_reports_it_at_its_clock() {
        AccountState state = fold(BUDGET_AND_ONE_WITHDRAWAL);
        AccountDecider decider = new AccountDecider(Clock.fixed(utc("2022-05-30T13:45:40"), ZoneOffset.UTC), UTC);

        assertThat(decider.currentBudgetPeriod(state))
                .hasValueSatisfying(p -> assertThat(p.fundsWithdrawnInPeriod()).isEqualByComparingTo("5"));
    }

    @Test
    void a_withdrawal_up_to_what_is_left_passes_and_one_cent_more_is_refused() {
        Instant now = utc("2022-05-30T13:45:40");
        BigDecimal left = fold(BUDGET_AND_ONE_WITHDRAWAL).budgetPeriodAt(now, UTC)
                .map(p -> p.policyMaxWithdrawAmount().subtract(p.fundsWithdrawnInPeriod())).orElseThrow();

        account().at(now).given(BUDGET_AND_ONE_WITHDRAWAL).when(withdraw(left.toPlainString()))
                .then(withdrawn(left.toPlainString(), now));
        account().at(now).given(BUDGET_AND_ONE_WITHDRAWAL).when(withdraw(left.add(money("0.01")).toPlainString()))
                .thenRejected(AccountDecider.OVER_BUDGET);
    }

    private static AccountState fold(List<AccountEvent> events) {
        AccountDecider decider = new AccountDecider(Clock.systemUTC(), UTC);
        return decider.fold(decider.initialState(), events);
    }
}

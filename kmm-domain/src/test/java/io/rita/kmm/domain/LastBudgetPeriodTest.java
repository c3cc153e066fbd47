package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.account;
import static io.rita.kmm.domain.Accounts.budgetSet;
import static io.rita.kmm.domain.Accounts.deposited;
import static io.rita.kmm.domain.Accounts.money;
import static io.rita.kmm.domain.Accounts.utc;
import static io.rita.kmm.domain.Accounts.withdraw;
import static io.rita.kmm.domain.Accounts.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last-budget-period query, as defined in {@link AccountState#lastBudgetPeriod()}. */
class LastBudgetPeriodTest {

    /** The seed's session up to {@code set-budget susie 20 minutely} and two withdrawals in that minute. */
    private static final List<AccountEvent> SEED_SESSION = List.of(
            deposited("20", utc("2022-05-30T13:41:53")),
            deposited("10", utc("2022-05-30T13:42:02")),
            withdrawn("7.5", utc("2022-05-30T13:43:13")),
            budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:02")),
            withdrawn("5", utc("2022-05-30T13:45:20"), true));

    @Test
    void reports_the_seed_sessions_period_with_two_withdrawals_of_11_75() {
        account().at(utc("2022-05-30T13:45:40"))
                .given(SEED_SESSION)
                .when(withdraw("6.75"))
                .thenState(state -> assertThat(state.lastBudgetPeriod()).contains(new BudgetPeriod(
                        Period.MINUTELY, utc("2022-05-30T13:45:02"), money("20"), 2, money("11.75"),
                        utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00"))));
    }

    @Test
    void is_empty_without_a_budget() {
        account().at(utc("2022-05-30T13:43:13"))
                .given(deposited("20", utc("2022-05-30T13:41:53")))
                .when(withdraw("7.5"))
                .thenState(state -> assertThat(state.lastBudgetPeriod()).isEmpty());
    }

    @Test
    void is_empty_after_the_budget_is_removed() {
        account().at(utc("2022-05-30T13:47:00"))
                .given(SEED_SESSION)
                .when(new RemoveBudget())
                .thenState(state -> assertThat(state.lastBudgetPeriod()).isEmpty());
    }

    @Test
    void reports_a_budget_of_zero_as_a_budget() {
        account().at(utc("2022-05-30T13:45:02"))
                .when(Accounts.setBudget("0", Period.DAILY))
                .thenState(state -> assertThat(state.lastBudgetPeriod()).hasValueSatisfying(
                        p -> assertThat(p.policyMaxWithdrawAmount()).isEqualByComparingTo(BigDecimal.ZERO)));
    }

    @Test
    void reports_the_window_the_budget_was_set_in_while_no_withdrawal_followed() {
        // The 13:43 withdrawal happened before any budget: no minutely budget governed that minute.
        account().at(utc("2022-05-30T13:45:02"))
                .given(deposited("20", utc("2022-05-30T13:41:53")),
                        withdrawn("7.5", utc("2022-05-30T13:43:13")))
                .when(Accounts.setBudget("20", Period.MINUTELY))
                .thenState(state -> assertThat(state.lastBudgetPeriod()).contains(new BudgetPeriod(
                        Period.MINUTELY, utc("2022-05-30T13:45:02"), money("20"), 0, BigDecimal.ZERO,
                        utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00"))));
    }

    @Test
    void counts_withdrawals_made_earlier_in_the_window_the_budget_was_set_in() {
        account().at(utc("2022-05-30T13:45:30"))
                .given(deposited("20", utc("2022-05-30T13:41:53")),
                        withdrawn("7.5", utc("2022-05-30T13:45:10")))
                .when(Accounts.setBudget("20", Period.MINUTELY))
                .thenState(state -> assertThat(state.lastBudgetPeriod()).hasValueSatisfying(p -> {
                    assertThat(p.withdrawalsInPeriod()).isEqualTo(1);
                    assertThat(p.fundsWithdrawnInPeriod()).isEqualByComparingTo("7.5");
                }));
    }

    @Test
    void follows_a_change_of_period_at_once() {
        account().at(utc("2022-05-30T13:50:00"))
                .given(SEED_SESSION)
                .when(Accounts.setBudget("30", Period.DAILY))
                .thenState(state -> assertThat(state.lastBudgetPeriod()).contains(new BudgetPeriod(
                        Period.DAILY, utc("2022-05-30T13:50:00"), money("30"), 2, money("12.5"),
                        utc("2022-05-30T00:00:00"), utc("2022-05-31T00:00:00"))));
    }

    @Test
    void balance_after_the_seed_session_is_the_deposits_minus_the_withdrawals() {
        account().at(utc("2022-05-30T13:45:40"))
                .given(SEED_SESSION)
                .when(withdraw("6.75"))
                .thenState(state -> assertThat(state.balance()).isEqualByComparingTo("10.75"));
    }
}

package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.BERLIN;
import static io.rita.kmm.domain.Accounts.account;
import static io.rita.kmm.domain.Accounts.budgetSet;
import static io.rita.kmm.domain.Accounts.deposited;
import static io.rita.kmm.domain.Accounts.money;
import static io.rita.kmm.domain.Accounts.setBudget;
import static io.rita.kmm.domain.Accounts.utc;
import static io.rita.kmm.domain.Accounts.withdraw;
import static io.rita.kmm.domain.Accounts.withdrawn;
import static io.rita.kmm.domain.Accounts.zoned;
import static org.assertj.core.api.Assertions.assertThat;

import io.rita.decider.Rejection;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The budget rules of the spec, and the Go original's budget defects, which must not recur. */
class BudgetRulesTest {

    private static final String OVER = "kmm: withdrawal would exceed max amount allowed in current period";

    @Test
    void set_budget_records_max_period_and_the_window_it_starts_in() {
        account().at(utc("2022-05-30T13:45:05"))
                .when(setBudget("20.00", Period.MINUTELY))
                .then(new BudgetSet(money("20"), Period.MINUTELY, utc("2022-05-30T13:45:05"),
                        utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00")));
    }

    @Test
    void set_budget_computes_the_window_in_the_deciders_zone() {
        account(BERLIN).at(zoned("2024-06-16T22:30+02:00[Europe/Berlin]"))
                .when(setBudget("50", Period.WEEKLY))
                .then(new BudgetSet(money("50"), Period.WEEKLY, zoned("2024-06-16T22:30+02:00[Europe/Berlin]"),
                        zoned("2024-06-10T00:00+02:00[Europe/Berlin]"), zoned("2024-06-17T00:00+02:00[Europe/Berlin]")));
    }

    @Test
    void refuses_a_negative_max_amount() {
        Rejection rejection = account().when(setBudget("-1", Period.DAILY)).thenRejected();

        assertThat(rejection).hasMessage("kmm: max amount must not be negative");
    }

    @Test
    void refuses_a_budget_without_max_amount() {
        Rejection rejection = account().when(new SetBudget(null, Period.DAILY)).thenRejected();

        assertThat(rejection).hasMessage("kmm: max amount is required");
    }

    @Test
    void refuses_a_pathological_max_amount() {
        Rejection rejection = account().when(new SetBudget(new BigDecimal("9E+99"), Period.DAILY)).thenRejected();

        assertThat(rejection).hasMessage("kmm: max amount must be less than 1000000000000000");
    }

    @Test
    void refuses_a_budget_without_period() {
        Rejection rejection = account().when(new SetBudget(money("20"), null)).thenRejected();

        assertThat(rejection).hasMessage("kmm: period must be minutely, daily, weekly, monthly");
    }

    @Test
    void accepts_a_budget_of_zero() {
        account().at(utc("2022-05-30T13:45:05"))
                .when(setBudget("0", Period.DAILY))
                .thenState(state -> assertThat(state.budget()).hasValueSatisfying(
                        budget -> assertThat(budget.maxAmount()).isEqualByComparingTo("0")));
    }

    @Test
    void budget_of_zero_blocks_every_withdrawal() {
        Rejection rejection = account().at(utc("2022-05-30T13:45:30"))
                .given(deposited("50", utc("2022-05-30T13:40:00")),
                        budgetSet("0", Period.MINUTELY, utc("2022-05-30T13:45:05")))
                .when(withdraw("0.01"))
                .thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }

    @Test
    void rejects_withdrawal_over_budget() {
        Rejection rejection = account().at(utc("2022-05-30T13:45:30"))
                .given(deposited("50", utc("2022-05-30T13:40:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")),
                        withdrawn("15", utc("2022-05-30T13:45:10"), true))
                .when(withdraw("5.01"))
                .thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }

    @Test
    void allows_withdrawing_exactly_the_max() {
        account().at(utc("2022-05-30T13:45:30"))
                .given(deposited("50", utc("2022-05-30T13:40:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")),
                        withdrawn("15", utc("2022-05-30T13:45:10"), true))
                .when(withdraw("5"))
                .then(withdrawn("5", utc("2022-05-30T13:45:30"), false));
    }

    @Test
    void checks_insufficient_funds_before_the_budget() {
        Rejection rejection = account().at(utc("2022-05-30T13:45:30"))
                .given(deposited("5", utc("2022-05-30T13:40:00")),
                        budgetSet("0", Period.MINUTELY, utc("2022-05-30T13:45:05")))
                .when(withdraw("6"))
                .thenRejected();

        assertThat(rejection).hasMessage("kmm: insufficient funds");
    }

    @Test
    void checks_the_first_withdrawal_after_a_rollover_against_the_max() {
        Rejection rejection = account().at(utc("2022-05-30T13:46:10"))
                .given(deposited("100", utc("2022-05-30T13:40:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")),
                        withdrawn("20", utc("2022-05-30T13:45:10"), true))
                .when(withdraw("20.01"))
                .thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }

    @Test
    void first_withdrawal_after_a_rollover_starts_a_new_period() {
        account().at(utc("2022-05-30T13:46:10"))
                .given(deposited("100", utc("2022-05-30T13:40:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")),
                        withdrawn("20", utc("2022-05-30T13:45:10"), true))
                .when(withdraw("20"))
                .then(withdrawn("20", utc("2022-05-30T13:46:10"), true));
    }

    @Test
    void first_withdrawal_under_a_new_budget_marks_the_period_changed() {
        account().at(utc("2022-05-30T13:45:30"))
                .given(deposited("100", utc("2022-05-30T13:40:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")))
                .when(withdraw("1"))
                .then(withdrawn("1", utc("2022-05-30T13:45:30"), true));
    }

    @Test
    void withdrawals_earlier_in_the_window_count_against_a_budget_set_later_in_it() {
        Rejection rejection = account().at(utc("2022-05-30T13:45:40"))
                .given(deposited("100", utc("2022-05-30T13:40:00")),
                        withdrawn("15", utc("2022-05-30T13:45:01")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:30")))
                .when(withdraw("6"))
                .thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }

    @Test
    void lowering_the_max_mid_period_applies_at_once() {
        Rejection rejection = account().at(utc("2022-05-30T13:45:40"))
                .given(deposited("100", utc("2022-05-30T13:40:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")),
                        withdrawn("15", utc("2022-05-30T13:45:10"), true),
                        budgetSet("10", Period.MINUTELY, utc("2022-05-30T13:45:20")))
                .when(withdraw("1"))
                .thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }

    @Test
    void raising_the_max_mid_period_applies_at_once() {
        account().at(utc("2022-05-30T13:45:40"))
                .given(deposited("100", utc("2022-05-30T13:40:00")),
                        budgetSet("10", Period.MINUTELY, utc("2022-05-30T13:45:05")),
                        withdrawn("10", utc("2022-05-30T13:45:10"), true),
                        budgetSet("30", Period.MINUTELY, utc("2022-05-30T13:45:20")))
                .when(withdraw("20"))
                .then(withdrawn("20", utc("2022-05-30T13:45:40"), false));
    }

    @Test
    void switching_to_a_longer_period_counts_everything_withdrawn_in_it() {
        // Two minutes of 15 each stayed within a minutely 20; the day has seen 30.
        Rejection rejection = account().at(utc("2022-05-30T11:00:30"))
                .given(deposited("100", utc("2022-05-30T08:00:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T09:00:00")),
                        withdrawn("15", utc("2022-05-30T09:00:10"), true),
                        withdrawn("15", utc("2022-05-30T10:00:10"), true),
                        budgetSet("40", Period.DAILY, utc("2022-05-30T11:00:00")))
                .when(withdraw("10.01"))
                .thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }

    @Test
    void switching_to_a_shorter_period_counts_only_its_window() {
        account().at(utc("2022-05-30T11:00:30"))
                .given(deposited("100", utc("2022-05-30T08:00:00")),
                        budgetSet("40", Period.DAILY, utc("2022-05-30T09:00:00")),
                        withdrawn("35", utc("2022-05-30T09:00:10"), true),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T11:00:00")))
                .when(withdraw("20"))
                .then(withdrawn("20", utc("2022-05-30T11:00:30"), true));
    }

    @Test
    void remove_budget_records_the_time() {
        account().at(utc("2022-05-30T13:47:00"))
                .given(budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")))
                .when(new RemoveBudget())
                .then(new BudgetRemoved(utc("2022-05-30T13:47:00")));
    }

    @Test
    void removing_the_budget_twice_removes_it_once() {
        // a client that resends remove-budget must not store a second removal
        account().at(utc("2022-05-30T13:47:00"))
                .given(budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")))
                .when(new RemoveBudget())
                .idempotent()
                .then(new BudgetRemoved(utc("2022-05-30T13:47:00")));
    }

    @Test
    void remove_budget_lifts_the_limit() {
        account().at(utc("2022-05-30T13:45:40"))
                .given(deposited("100", utc("2022-05-30T13:40:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")),
                        withdrawn("20", utc("2022-05-30T13:45:10"), true),
                        new BudgetRemoved(utc("2022-05-30T13:45:20")))
                .when(withdraw("50"))
                .then(withdrawn("50", utc("2022-05-30T13:45:40"), false));
    }

    @Test
    void remove_budget_without_a_budget_changes_nothing() {
        account().when(new RemoveBudget()).thenNothing();
    }

    @Test
    void a_withdrawal_timed_before_the_tallied_window_counts_toward_it() {
        // Another service with a clock 0.2 s behind decides after this window was opened.
        Rejection rejection = account().at(utc("2022-05-30T13:45:59.9"))
                .given(deposited("100", utc("2022-05-30T13:40:00")),
                        budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:05")),
                        withdrawn("20", utc("2022-05-30T13:46:00.1"), true))
                .when(withdraw("1"))
                .thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }
}

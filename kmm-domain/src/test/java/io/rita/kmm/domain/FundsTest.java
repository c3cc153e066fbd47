package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.account;
import static io.rita.kmm.domain.Accounts.deposit;
import static io.rita.kmm.domain.Accounts.deposited;
import static io.rita.kmm.domain.Accounts.money;
import static io.rita.kmm.domain.Accounts.utc;
import static io.rita.kmm.domain.Accounts.withdraw;
import static io.rita.kmm.domain.Accounts.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import io.rita.decider.Rejection;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deposits and withdrawals without a budget: amounts, descriptions, balance. */
class FundsTest {

    private static final Instant NOW = utc("2022-05-30T13:41:53");

    @Test
    void deposit_records_amount_description_and_clock_time() {
        account().at(NOW)
                .when(new DepositFunds(money("20"), "grass mowing"))
                .then(new FundsDeposited(money("20"), "grass mowing", NOW));
    }

    @Test
    void deposit_without_description_stores_an_empty_one() {
        account().at(NOW)
                .when(new DepositFunds(money("10"), null))
                .then(new FundsDeposited(money("10"), "", NOW));
    }

    @Test
    void deposit_trims_trailing_zeros() {
        account().at(NOW)
                .when(deposit("7.50"))
                .then(deposited("7.5", NOW));
    }

    @Test
    void deposit_writes_a_whole_number_in_plain_digits() {
        account().at(NOW)
                .when(new DepositFunds(new BigDecimal("1E+2"), ""))
                .thenState(state -> assertThat(state.balance().toPlainString()).isEqualTo("100"));
    }

    @Test
    void deposits_add_up_to_the_balance() {
        account().at(NOW)
                .given(deposited("20", utc("2022-05-30T13:41:53")))
                .when(deposit("10"))
                .thenState(state -> assertThat(state.balance()).isEqualByComparingTo("30"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "0.00", "-0.01"})
    void refuses_a_deposit_that_is_not_greater_than_zero(String amount) {
        Rejection rejection = account().at(NOW).when(deposit(amount)).thenRejected();

        assertThat(rejection).hasMessage("kmm: amount must be greater than zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void refuses_a_withdrawal_that_is_not_greater_than_zero(String amount) {
        Rejection rejection = account().at(NOW)
                .given(deposited("50", NOW))
                .when(withdraw(amount))
                .thenRejected();

        assertThat(rejection).hasMessage("kmm: amount must be greater than zero");
    }

    @Test
    void refuses_a_deposit_without_amount() {
        Rejection rejection = account().at(NOW).when(new DepositFunds(null, "x")).thenRejected();

        assertThat(rejection).hasMessage("kmm: amount is required");
    }

    @Test
    void refuses_an_amount_of_a_thousand_trillion() {
        Rejection rejection = account().at(NOW).when(deposit("1000000000000000")).thenRejected();

        assertThat(rejection).hasMessage("kmm: amount must be less than 1000000000000000");
    }

    @Test
    void accepts_an_amount_just_under_the_limit() {
        account().at(NOW)
                .when(deposit("999999999999999.9999999999"))
                .then(deposited("999999999999999.9999999999", NOW));
    }

    @Test
    void refuses_a_huge_exponent_without_expanding_it() {
        Rejection rejection = account().at(NOW)
                .when(new DepositFunds(new BigDecimal("1E+999999999"), ""))
                .thenRejected();

        assertThat(rejection).hasMessage("kmm: amount must be less than 1000000000000000");
    }

    @Test
    void refuses_more_than_ten_decimal_places() {
        Rejection rejection = account().at(NOW).when(deposit("0.00000000001")).thenRejected();

        assertThat(rejection).hasMessage("kmm: amount must have at most 10 decimal places");
    }

    @Test
    void refuses_a_tiny_exponent_without_expanding_it() {
        Rejection rejection = account().at(NOW)
                .when(new DepositFunds(new BigDecimal("1E-999999999"), ""))
                .thenRejected();

        assertThat(rejection).hasMessage("kmm: amount must have at most 10 decimal places");
    }

    @Test
    void counts_decimal_places_after_trimming_zeros() {
        account().at(NOW).when(deposit("0.10000000000000000000")).then(deposited("0.1", NOW));
    }

    @Test
    void withdrawal_records_amount_description_and_clock_time() {
        Instant at = utc("2022-05-30T13:43:13");
        account().at(at)
                .given(deposited("30", NOW))
                .when(new WithdrawFunds(money("7.50"), "baseball cards"))
                .then(new FundsWithdrawn(money("7.5"), "baseball cards", at, false));
    }

    @Test
    void withdrawal_lowers_the_balance() {
        account().at(NOW)
                .given(deposited("20", NOW), deposited("10", NOW))
                .when(withdraw("7.50"))
                .thenState(state -> assertThat(state.balance()).isEqualByComparingTo("22.5"));
    }

    @Test
    void rejects_withdrawal_beyond_the_balance() {
        Rejection rejection = account().at(NOW)
                .given(deposited("20", NOW), withdrawn("15", NOW))
                .when(withdraw("5.01"))
                .thenRejected();

        assertThat(rejection).hasMessage("kmm: insufficient funds");
    }

    @Test
    void allows_withdrawing_the_whole_balance() {
        account().at(NOW)
                .given(deposited("20", NOW))
                .when(withdraw("20.00"))
                .thenState(state -> assertThat(state.balance()).isEqualByComparingTo("0"));
    }

    @Test
    void rejects_withdrawal_from_an_unknown_account() {
        Rejection rejection = account().at(NOW).when(withdraw("1")).thenRejected();

        assertThat(rejection).hasMessage("kmm: insufficient funds");
    }

    @Test
    void unknown_account_has_balance_zero_and_no_budget() {
        AccountState state = new AccountDecider(java.time.Clock.systemUTC(), Accounts.UTC).initialState();
        assertThat(state.balance()).isEqualByComparingTo("0");
        assertThat(state.lastBudgetPeriod()).isEmpty();
    }
}

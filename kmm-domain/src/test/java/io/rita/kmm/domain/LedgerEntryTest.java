package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.budgetSet;
import static io.rita.kmm.domain.Accounts.money;
import static io.rita.kmm.domain.Accounts.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {

    @Test
    void lists_deposits_and_withdrawals_signed_in_order_and_skips_budget_events() {
        List<AccountEvent> events = List.of(
                new FundsDeposited(money("20"), "grass mowing", utc("2022-05-30T13:41:53")),
                new FundsDeposited(money("10"), "allowance", utc("2022-05-30T13:42:02")),
                new FundsWithdrawn(money("7.5"), "baseball cards", utc("2022-05-30T13:43:13"), false),
                budgetSet("20", Period.MINUTELY, utc("2022-05-30T13:45:02")),
                new BudgetRemoved(utc("2022-05-30T13:47:00")));

        assertThat(LedgerEntry.ledger(events)).containsExactly(
                new LedgerEntry(money("20"), utc("2022-05-30T13:41:53"), "grass mowing"),
                new LedgerEntry(money("10"), utc("2022-05-30T13:42:02"), "allowance"),
                new LedgerEntry(money("-7.5"), utc("2022-05-30T13:43:13"), "baseball cards"));
    }

    @Test
    void has_no_entry_for_a_budget_event() {
        assertThat(LedgerEntry.from(new BudgetRemoved(utc("2022-05-30T13:47:00")))).isEmpty();
    }
}

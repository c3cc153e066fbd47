package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.money;
import static io.rita.kmm.domain.Accounts.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The accounts projection's view: the balance and budget that the decider's own fold has. */
class AccountOverviewTest {

    private static final Instant T1 = utc("2022-05-30T13:41:53");
    private static final Instant T2 = utc("2022-05-30T13:45:05");
    private static final Instant T3 = utc("2022-05-30T13:47:00");
    private static final AccountDecider DECIDER = new AccountDecider(Clock.fixed(T1, ZoneOffset.UTC), ZoneOffset.UTC);

    private static final BudgetSet WEEKLY = new BudgetSet(money("20"), Period.WEEKLY, T2,
            utc("2022-05-30T00:00:00"), utc("2022-06-06T00:00:00"));
    private static final List<AccountEvent> HISTORY = List.of(
            new FundsDeposited(money("30"), "allowance", T1),
            WEEKLY,
            new FundsWithdrawn(money("7.5"), "baseball cards", T2, false),
            new FundsWithdrawn(money("0.25"), "gum", T3, false));

    private static Optional<AccountOverview> fold(List<AccountEvent> events) {
        Optional<AccountOverview> overview = Optional.empty();
        for (AccountEvent event : events) {
            overview = AccountOverview.apply(overview, event);
        }
        return overview;
    }

    @Test
    void has_the_balance_and_budget_the_decider_folds() {
        AccountState state = DECIDER.initialState();
        for (AccountEvent event : HISTORY) {
            state = DECIDER.evolve(state, event);
        }

        AccountOverview overview = fold(HISTORY).orElseThrow();

        assertThat(overview.balance()).isEqualByComparingTo(state.balance()).isEqualByComparingTo("22.25");
        assertThat(overview.budgetInForce()).isEqualTo(state.budget()).contains(Budget.of(WEEKLY));
        assertThat(overview.lastActivity()).isEqualTo(T3);
    }

    @Test
    void a_removed_budget_is_gone_and_the_account_stays() {
        AccountOverview overview = fold(List.of(new FundsDeposited(money("5"), "", T1), WEEKLY,
                new BudgetRemoved(T3))).orElseThrow();

        assertThat(overview.budgetInForce()).isEmpty();
        assertThat(overview.balance()).isEqualByComparingTo("5");
        assertThat(overview.lastActivity()).isEqualTo(T3);
    }

    @Test
    void an_account_appears_with_its_first_event() {
        assertThat(fold(List.of())).isEmpty();
        assertThat(fold(List.of(WEEKLY))).map(AccountOverview::balance).contains(java.math.BigDecimal.ZERO);
    }
}

package io.rita.kmm.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One account as a parent's list of accounts shows it: its balance and the budget in force.
 * The view of the accounts projection: {@link #apply} folds an account's events into it, the
 * same way {@link AccountDecider#evolve} moves the balance and the budget.
 *
 * <pre>{@code
 * Optional<AccountOverview> susie = Optional.empty();
 * susie = AccountOverview.apply(susie, new FundsDeposited(new BigDecimal("20"), "grass mowing", now));
 * susie.get().balance();   // 20
 * }</pre>
 *
 * @param balance      deposits minus withdrawals
 * @param budget       the budget in force, or {@code null} when there is none
 * @param lastActivity when the account last changed (the time of its latest event)
 */
public record AccountOverview(BigDecimal balance, Budget budget, Instant lastActivity) {

    /** Checks that balance and time are present. */
    public AccountOverview {
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }

    /** The budget in force, if any. */
    public Optional<Budget> budgetInForce() {
        return Optional.ofNullable(budget);
    }

    /**
     * The account after {@code event}: a pure function, for the accounts projection. An account
     * appears with its first event and is never removed.
     */
    public static Optional<AccountOverview> apply(Optional<AccountOverview> account, AccountEvent event) {
        BigDecimal balance = account.map(AccountOverview::balance).orElse(BigDecimal.ZERO);
        Budget budget = account.map(AccountOverview::budget).orElse(null);
        return Optional.of(switch (event) {
            case FundsDeposited deposited -> new AccountOverview(balance.add(deposited.amount()), budget,
                    deposited.time());
            case FundsWithdrawn withdrawn -> new AccountOverview(balance.subtract(withdrawn.amount()), budget,
                    withdrawn.time());
            case BudgetSet set -> new AccountOverview(balance, Budget.of(set), set.policyStartTime());
            case BudgetRemoved removed -> new AccountOverview(balance, null, removed.policyRemoveTime());
        });
    }
}

package io.rita.kmm.service;

import io.rita.kmm.domain.AccountOverview;
import io.rita.kmm.domain.Budget;
import io.rita.projection.ViewEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The reply of {@code kmm.services.accounts}: every account with its balance and budget, sorted
 * by name, in the wire's names:
 * {@code {"Accounts":[{"Account":"susie","Balance":"22.5","Budget":{"MaxAmount":"20","Period":"weekly","Since":"…"},"LastActivity":"…"}]}},
 * {@code "Budget":null} for an account without one.
 *
 * <pre>{@code
 * AccountsReply reply = KmmWire.read(message.getData(), AccountsReply.class, "{}");
 * reply.accounts().getFirst().balance();   // 22.5
 * }</pre>
 *
 * @param accounts the accounts, sorted by name
 */
public record AccountsReply(List<Account> accounts) {

    /** Copies the list; no list reads as empty. */
    public AccountsReply {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /**
     * One account.
     *
     * @param account      its name
     * @param balance      its balance
     * @param budget       the budget in force, or {@code null}
     * @param lastActivity when it last changed
     */
    public record Account(String account, BigDecimal balance, BudgetLimit budget, Instant lastActivity) {
    }

    /**
     * A budget in force.
     *
     * @param maxAmount the most that may be withdrawn per period
     * @param period    {@code minutely}, {@code daily}, {@code weekly} or {@code monthly}
     * @param since     when it was set
     */
    public record BudgetLimit(BigDecimal maxAmount, String period, Instant since) {
        static BudgetLimit of(Budget budget) {
            return new BudgetLimit(budget.maxAmount(), budget.period().wireName(), budget.policyStartTime());
        }
    }

    /** The reply for the accounts projection's views, sorted by account. */
    public static AccountsReply of(List<ViewEntry<AccountOverview>> views) {
        return new AccountsReply(views.stream().map(entry -> new Account(entry.key(), entry.view().balance(),
                entry.view().budgetInForce().map(BudgetLimit::of).orElse(null), entry.view().lastActivity())).toList());
    }
}

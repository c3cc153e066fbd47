package io.rita.kmm.service.web;

import io.rita.kmm.service.BalanceReply;
import io.rita.kmm.service.BudgetPeriodReply;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;
import io.rita.service.Dispatcher;
import io.rita.service.Reply;
import io.rita.service.Request;

import java.util.List;

/**
 * The page's reads, through the service's dispatcher: an account's balance and its current
 * budget window are the {@code balance} and {@code current-budget-period} queries, answered as
 * they would be on NATS (and from the same cache as the commands).
 */
final class AccountQueries {

    private static final byte[] EMPTY = new byte[0];

    private final Dispatcher dispatcher;
    private final AccountList accounts;

    AccountQueries(Dispatcher dispatcher, AccountList accounts) {
        this.dispatcher = dispatcher;
        this.accounts = accounts;
    }

    /** Every account the store has, with its summary. */
    List<AccountSummary> all() {
        return accounts.names().stream().map(this::summary).toList();
    }

    /**
     * One account; an account without events has balance 0 and no budget.
     *
     * @throws HttpError when a query fails (its status and message)
     */
    AccountSummary summary(String account) {
        BalanceReply balance = KmmWire.read(query(account, "balance"), BalanceReply.class, "{}");
        BudgetPeriodReply budget = KmmWire.read(query(account, "current-budget-period"), BudgetPeriodReply.class,
                "{}");
        return new AccountSummary(account, KmmWire.decimal(balance.amount()),
                budget.budgetPeriod().map(AccountSummary.Budget::of).orElse(null));
    }

    private byte[] query(String account, String operation) {
        return switch (dispatcher.dispatch(Request.of(KmmSubjects.service(account, operation), EMPTY))) {
            case Reply.Success success -> success.body();
            case Reply.Failure failure -> throw HttpReplies.of(failure);
        };
    }
}

package io.rita.kmm.service;

import io.rita.decider.Rejection;
import io.rita.kmm.domain.AccountCommand;
import io.rita.kmm.domain.AccountDecider;
import io.rita.kmm.domain.AccountOverview;
import io.rita.kmm.domain.DepositFunds;
import io.rita.kmm.domain.Period;
import io.rita.kmm.domain.RemoveBudget;
import io.rita.kmm.domain.SetBudget;
import io.rita.kmm.domain.WithdrawFunds;
import io.rita.projection.Views;
import io.rita.service.BadRequestException;
import io.rita.service.CommandDecoder;
import io.rita.service.CommandRoutes;
import io.rita.service.Request;
import io.rita.service.Route;

import java.util.ArrayList;
import java.util.List;

/**
 * KMM's endpoints as framework routes: the whole application's wiring in one screen.
 *
 * <pre>{@code
 * Clock clock = Clock.systemUTC();
 * List<Route> routes = KmmRoutes.of(new AccountDecider(clock, ZoneId.of("Europe/Berlin")));
 * Dispatcher dispatcher = Dispatcher.of(store, routes,
 *         DispatchOptions.defaults().withJson(KmmWire.mapper()));
 * }</pre>
 *
 * <p>Every route takes the account from token 2 of {@code kmm.services.<account>.<operation>}
 * (the framework has checked it is one safe token) and works on the aggregate
 * {@code kmm.events.accounts.<account>}. Bodies are read with {@link KmmWire}; a body that does
 * not fit gets a 400 whose text starts with {@code kmm:}, like the domain's rejections.
 */
public final class KmmRoutes {

    /** The longest description accepted; a ledger line is meant to fit a terminal, give or take. */
    public static final int MAX_DESCRIPTION = 1_000;

    private KmmRoutes() {
    }

    /**
     * Every endpoint: those of one account, deciding and folding with {@code accounts}, and the
     * list of all accounts ({@value KmmSubjects#ACCOUNTS_LIST}) from the accounts projection's views.
     */
    public static List<Route> of(AccountDecider accounts, Views<AccountOverview> overview) {
        List<Route> routes = new ArrayList<>(of(accounts));
        routes.add(Route.projection(KmmSubjects.ACCOUNTS_LIST, overview,
                (views, req) -> AccountsReply.of(views.entries())));
        return routes;
    }

    /** The endpoints of one account, deciding and folding with {@code accounts} (no NATS needed). */
    public static List<Route> of(AccountDecider accounts) {
        // one endpoint per AccountCommand: deposit-funds, withdraw-funds, set-budget, remove-budget
        List<Route> routes = new ArrayList<>(CommandRoutes.of("kmm.services.*", AccountCommand.class,
                        KmmRoutes::account, accounts)
                .withDecoder(DepositFunds.class, deposit())
                .withDecoder(WithdrawFunds.class, withdrawal())
                .withDecoder(SetBudget.class, budget())
                // the original sends no body; whatever comes is ignored, as there is nothing to read
                .withDecoder(RemoveBudget.class, (body, json) -> new RemoveBudget())
                .routes());
        routes.add(Route.query("kmm.services.*.balance", KmmRoutes::account, accounts,
                (state, req) -> new BalanceReply(state.balance())));
        routes.add(Route.query("kmm.services.*.last-budget-period", KmmRoutes::account, accounts,
                (state, req) -> BudgetPeriodReply.of(state.lastBudgetPeriod())));
        // what the next withdrawal is checked against (the web page's bar), in last-budget-period's shape
        routes.add(Route.query("kmm.services.*.current-budget-period", KmmRoutes::account, accounts,
                (state, req) -> BudgetPeriodReply.of(accounts.currentBudgetPeriod(state))));
        routes.add(Route.stream("kmm.services.*.ledger", KmmRoutes::account, KmmSubjects.STREAMS));
        return List.copyOf(routes);
    }

    /** The aggregate of a request: {@code kmm.events.accounts.<token 2>}. */
    static String account(Request request) {
        return KmmSubjects.account(request.token(2));
    }

    static CommandDecoder<DepositFunds> deposit() {
        return (body, json) -> {
            FundsRequest funds = read(body, FundsRequest.class, FundsRequest.EXAMPLE);
            return new DepositFunds(funds.amount(), description(funds.description()));
        };
    }

    static CommandDecoder<WithdrawFunds> withdrawal() {
        return (body, json) -> {
            FundsRequest funds = read(body, FundsRequest.class, FundsRequest.EXAMPLE);
            return new WithdrawFunds(funds.amount(), description(funds.description()));
        };
    }

    static CommandDecoder<SetBudget> budget() {
        return (body, json) -> {
            BudgetRequest budget = read(body, BudgetRequest.class, BudgetRequest.EXAMPLE);
            try {
                // a missing period is left to the decider, which refuses it with the same text
                return new SetBudget(budget.maxAmount(), budget.period() == null ? null : Period.parse(budget.period()));
            } catch (Rejection unknownPeriod) {
                throw new BadRequestException(unknownPeriod.getMessage());
            }
        };
    }

    private static <T> T read(byte[] body, Class<T> type, String example) {
        try {
            return KmmWire.read(body, type, example);
        } catch (WireFormatException e) {
            throw new BadRequestException("kmm: " + e.getMessage());
        }
    }

    private static String description(String description) {
        if (description.length() > MAX_DESCRIPTION) {
            throw new BadRequestException("kmm: description must be at most " + MAX_DESCRIPTION
                    + " characters, was " + description.length());
        }
        return description;
    }
}

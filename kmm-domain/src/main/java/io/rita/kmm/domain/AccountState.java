package io.rita.kmm.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as its events leave it: the balance, the budget in force, and for each
 * {@link Period} kind the latest window that saw a withdrawal. The two queries of the spec are
 * pure functions of it: {@link #balance()} and {@link #lastBudgetPeriod()}.
 *
 * <pre>{@code
 * AccountState state = decider.fold(decider.initialState(), events);
 * state.balance();            // 22.5
 * state.lastBudgetPeriod();   // Optional.empty() when no budget is set
 * }</pre>
 *
 * <p>Windows are tallied for every period kind on every withdrawal, with or without a budget.
 * That is what lets {@code set-budget} take effect at once: a new or changed budget is checked
 * against what was already withdrawn in the window in progress, not against a fresh zero.
 *
 * @param balance deposits minus withdrawals; never negative for events this decider decided
 * @param budget the budget in force, if any
 * @param tallies per period kind, the latest window that saw a withdrawal; a kind is absent
 *                until the first withdrawal
 */
public record AccountState(BigDecimal balance, Optional<Budget> budget, Map<Period, PeriodTally> tallies) {

    /**
     * The version of this record's shape, kept with each snapshot of an account (a snapshot of
     * another version is ignored and the account is folded from its events). Raise it when a
     * component is added, removed or changes meaning.
     */
    public static final int VERSION = 1;

    /** An account with no events: balance 0, no budget, no withdrawals. */
    public static final AccountState EMPTY = new AccountState(BigDecimal.ZERO, Optional.empty(), Map.of());

    /** Checks components and makes the tallies immutable. */
    public AccountState {
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(budget, "budget");
        tallies = Map.copyOf(tallies);
    }

    /** The latest window of a period kind that saw a withdrawal, if any. */
    public Optional<PeriodTally> tally(Period period) {
        return Optional.ofNullable(tallies.get(period));
    }

    /**
     * The {@code last-budget-period} query: empty when no budget is set (a budget of 0 is a
     * budget and is reported), else the budget with one window of its period, chosen as follows.
     *
     * <ul>
     *   <li>The last window of the budget's period that saw at least one withdrawal, when that
     *       window is not earlier than the window in which the budget was set. Its counts include
     *       every withdrawal in the window, also those made before the budget was set within the
     *       same window, because those are the numbers the limit is enforced against.</li>
     *   <li>Otherwise, as no withdrawal has happened since the budget was set, the window in
     *       which it was set, with 0 withdrawals and a total of 0. Windows before the budget are
     *       not reported: no budget of this kind governed them.</li>
     * </ul>
     * The window is the last one that <em>saw a withdrawal</em>, not the one in progress: a
     * minutely budget queried at 13:50 still reports 13:45-13:46 if that minute saw the latest
     * withdrawals, as in the seed's session.
     */
    public Optional<BudgetPeriod> lastBudgetPeriod() {
        return budget.map(b -> {
            PeriodTally tally = tallies.get(b.period());
            boolean sinceBudget = tally != null && !tally.window().start().isBefore(b.policyWindow().start());
            PeriodWindow window = sinceBudget ? tally.window() : b.policyWindow();
            return new BudgetPeriod(b.period(), b.policyStartTime(), b.maxAmount(),
                    sinceBudget ? tally.withdrawals() : 0,
                    sinceBudget ? tally.total() : BigDecimal.ZERO,
                    window.start(), window.end());
        });
    }

    /**
     * The budget in force with the window of its period that a withdrawal at {@code time} is
     * checked against, and what that window has seen so far: the {@code current-budget-period}
     * query, and the numbers {@link AccountDecider} enforces the max with. Empty when no budget
     * is set.
     *
     * <p>The window is the latest tallied one while {@code time} is before its end (a time
     * slightly before its start, from clock skew, counts toward it too, as for withdrawals);
     * otherwise it is the window of {@code time} on the calendar of {@code zone}, with 0
     * withdrawals and a total of 0. Withdrawals made in that window before the budget was set
     * count, as they do for the limit.
     *
     * <pre>{@code
     * state.budgetPeriodAt(clock.instant(), zone)
     *      .map(p -> p.fundsWithdrawnInPeriod() + " of " + p.policyMaxWithdrawAmount());   // "11.75 of 20"
     * }</pre>
     */
    public Optional<BudgetPeriod> budgetPeriodAt(Instant time, ZoneId zone) {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        return budget.map(b -> {
            Optional<PeriodTally> current = tally(b.period()).filter(t -> t.continuesAt(time));
            PeriodWindow window = current.map(PeriodTally::window).orElseGet(() -> b.period().windowAt(time, zone));
            return new BudgetPeriod(b.period(), b.policyStartTime(), b.maxAmount(),
                    current.map(PeriodTally::withdrawals).orElse(0L),
                    current.map(PeriodTally::total).orElse(BigDecimal.ZERO),
                    window.start(), window.end());
        });
    }

    /** This state with another balance. */
    AccountState withBalance(BigDecimal newBalance) {
        return new AccountState(newBalance, budget, tallies);
    }

    /** This state with another budget. */
    AccountState withBudget(Optional<Budget> newBudget) {
        return new AccountState(balance, newBudget, tallies);
    }

    /** This state with one period kind's tally replaced. */
    AccountState withTally(Period period, PeriodTally tally) {
        Map<Period, PeriodTally> next = new EnumMap<>(Period.class);
        next.putAll(tallies);
        next.put(period, tally);
        return new AccountState(balance, budget, next);
    }
}

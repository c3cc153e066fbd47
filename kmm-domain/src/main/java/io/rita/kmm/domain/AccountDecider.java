package io.rita.kmm.domain;

import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of a KMM account: deposits, withdrawals within the balance and the budget, and
 * setting and removing the budget.
 *
 * <pre>{@code
 * AccountDecider decider = new AccountDecider(Clock.systemUTC(), ZoneId.of("Europe/Berlin"));
 * AccountState state = decider.fold(decider.initialState(), history);
 * List<AccountEvent> events = decider.decide(state, new WithdrawFunds(new BigDecimal("5"), "ice cream"));
 * }</pre>
 *
 * <p>Time comes only from {@code clock}, and budget windows are computed on the calendar of
 * {@code zone} (the clock's own zone is not used). The zone is part of the rules: folding the
 * same events with another zone may put withdrawals into other daily, weekly or monthly windows.
 *
 * <p>{@link #decide} throws {@link Rejection} with these messages:
 * <ul>
 *   <li>{@code kmm: amount must be greater than zero}, {@code kmm: amount is required},
 *       {@code kmm: amount must be less than 1000000000000000},
 *       {@code kmm: amount must have at most 10 decimal places};</li>
 *   <li>{@code kmm: insufficient funds} when a withdrawal would make the balance negative;</li>
 *   <li>{@code kmm: withdrawal would exceed max amount allowed in current period} when the
 *       window's total plus the amount is more than the max (exactly the max is allowed);</li>
 *   <li>{@code kmm: max amount must not be negative}, {@code kmm: max amount is required}, and
 *       the same limits as for amounts, prefixed {@code kmm: max amount};</li>
 *   <li>{@link Period#INVALID} when a budget has no period.</li>
 * </ul>
 */
public final class AccountDecider implements Decider<AccountCommand, AccountEvent, AccountState> {

    /** The rejection text when a withdrawal would break the budget. */
    public static final String OVER_BUDGET = "kmm: withdrawal would exceed max amount allowed in current period";

    /** The rejection text when a withdrawal would make the balance negative. */
    public static final String INSUFFICIENT_FUNDS = "kmm: insufficient funds";

    private final Clock clock;
    private final ZoneId zone;

    /** A decider that reads time from {@code clock} and computes budget windows in {@code zone}. */
    public AccountDecider(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The zone budget windows are computed in. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public AccountState initialState() {
        return AccountState.EMPTY;
    }

    @Override
    public List<AccountEvent> decide(AccountState state, AccountCommand command) {
        return switch (command) {
            case DepositFunds deposit -> List.of(new FundsDeposited(
                    AmountRules.positive(deposit.amount()), text(deposit.description()), clock.instant()));
            case WithdrawFunds withdrawal -> withdraw(state, withdrawal);
            case SetBudget budget -> setBudget(budget);
            case RemoveBudget remove -> state.budget().isEmpty()
                    ? List.of()
                    : List.of(new BudgetRemoved(clock.instant()));
        };
    }

    private List<AccountEvent> withdraw(AccountState state, WithdrawFunds withdrawal) {
        BigDecimal amount = AmountRules.positive(withdrawal.amount());
        if (state.balance().compareTo(amount) < 0) {
            throw new Rejection(INSUFFICIENT_FUNDS);
        }
        Instant now = clock.instant();
        boolean periodChanged = false;
        Optional<Budget> budget = state.budget();
        if (budget.isPresent()) {
            Optional<PeriodTally> current = state.tally(budget.get().period()).filter(t -> continues(t, now));
            // No tally for the window in progress means it has seen no withdrawal yet: the
            // amount alone is checked, so the first withdrawal after a rollover is limited too.
            BigDecimal spent = current.map(PeriodTally::total).orElse(BigDecimal.ZERO);
            if (spent.add(amount).compareTo(budget.get().maxAmount()) > 0) {
                throw new Rejection(OVER_BUDGET);
            }
            periodChanged = current.isEmpty();
        }
        return List.of(new FundsWithdrawn(amount, text(withdrawal.description()), now, periodChanged));
    }

    private List<AccountEvent> setBudget(SetBudget command) {
        BigDecimal max = AmountRules.notNegative(command.maxAmount());
        if (command.period() == null) {
            throw new Rejection(Period.INVALID);
        }
        Instant now = clock.instant();
        PeriodWindow window = command.period().windowAt(now, zone);
        return List.of(new BudgetSet(max, command.period(), now, window.start(), window.end()));
    }

    @Override
    public AccountState evolve(AccountState state, AccountEvent event) {
        return switch (event) {
            case FundsDeposited deposited -> state.withBalance(state.balance().add(deposited.amount()));
            case FundsWithdrawn withdrawn -> {
                AccountState next = state.withBalance(state.balance().subtract(withdrawn.amount()));
                for (Period period : Period.values()) {
                    next = next.withTally(period, tallied(next.tally(period), period, withdrawn));
                }
                yield next;
            }
            case BudgetSet set -> state.withBudget(Optional.of(Budget.of(set)));
            case BudgetRemoved removed -> state.withBudget(Optional.empty());
        };
    }

    private PeriodTally tallied(Optional<PeriodTally> tally, Period period, FundsWithdrawn withdrawn) {
        return tally.filter(t -> continues(t, withdrawn.time()))
                .map(t -> t.plus(withdrawn.amount()))
                .orElseGet(() -> PeriodTally.first(period.windowAt(withdrawn.time(), zone), withdrawn.amount()));
    }

    /**
     * Whether a withdrawal at {@code time} counts toward {@code tally}'s window. A time before
     * the window (a clock that stepped back, or two services whose clocks differ slightly) counts
     * toward it too: tallies never move backwards, so clock skew cannot reopen a window that is
     * already spent.
     */
    private static boolean continues(PeriodTally tally, Instant time) {
        return time.isBefore(tally.window().end());
    }

    /** A description as stored: {@code ""} when none was given. */
    private static String text(String description) {
        return description == null ? "" : description;
    }
}

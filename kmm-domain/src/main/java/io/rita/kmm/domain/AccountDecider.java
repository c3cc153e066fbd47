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

    /**
     * The budget in force and how much of its current window is used, now: the numbers the
     * next withdrawal is checked against ({@link AccountState#budgetPeriodAt} at the clock's
     * instant, in this decider's zone). Empty when no budget is set.
     */
    public Optional<BudgetPeriod> currentBudgetPeriod(AccountState state) {
        return state.budgetPeriodAt(clock.instant(), zone);
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
        Optional<BudgetPeriod> current = state.budgetPeriodAt(now, zone);
        if (current.isPresent()) {
            // A window without withdrawals yet has a total of 0: the amount alone is checked, so
            // the first withdrawal after a rollover is limited too.
            BudgetPeriod window = current.get();
            if (window.fundsWithdrawnInPeriod().add(amount).compareTo(window.policyMaxWithdrawAmount()) > 0) {
                throw new Rejection(OVER_BUDGET);
            }
            periodChanged = window.withdrawalsInPeriod() == 0;
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
        return tally.filter(t -> t.continuesAt(withdrawn.time()))
                .map(t -> t.plus(withdrawn.amount()))
                .orElseGet(() -> PeriodTally.first(period.windowAt(withdrawn.time(), zone), withdrawn.amount()));
    }

    /** A description as stored: {@code ""} when none was given. */
    private static String text(String description) {
        return description == null ? "" : description;
    }
}

package io.rita.kmm.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The budget in force on an account, as set by the last {@link BudgetSet}.
 *
 * <pre>{@code
 * state.budget().map(Budget::maxAmount);   // Optional[20]
 * }</pre>
 *
 * @param maxAmount the most that may be withdrawn per window of {@code period}; zero is a real
 *                  budget that blocks every withdrawal
 * @param period the period kind
 * @param policyStartTime when the budget was set
 * @param policyWindow the window of {@code period} in which the budget was set
 */
public record Budget(BigDecimal maxAmount, Period period, Instant policyStartTime, PeriodWindow policyWindow) {

    /** Checks that no component is null. */
    public Budget {
        Objects.requireNonNull(maxAmount, "maxAmount");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(policyStartTime, "policyStartTime");
        Objects.requireNonNull(policyWindow, "policyWindow");
    }

    /** The budget a {@link BudgetSet} event puts in force. */
    public static Budget of(BudgetSet event) {
        return new Budget(event.maxWithdrawAmount(), event.period(), event.policyStartTime(),
                new PeriodWindow(event.periodStartTime(), event.nextPeriodStartTime()));
    }
}

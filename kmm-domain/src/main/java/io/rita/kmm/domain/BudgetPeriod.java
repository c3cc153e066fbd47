package io.rita.kmm.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The answer to the {@code last-budget-period} query: the budget in force and the last window
 * of its period that saw a withdrawal (see {@link AccountState#lastBudgetPeriod()} for exactly
 * which window).
 *
 * <pre>{@code
 * state.lastBudgetPeriod().ifPresentOrElse(
 *     p -> System.out.println("withdrawals: " + p.withdrawalsInPeriod()),
 *     () -> System.out.println("no budget set"));
 * }</pre>
 *
 * <p>The component names are those of the Go original's reply in Java style; an upper-camel-case
 * naming strategy turns them into {@code PolicyPeriod}, {@code PolicyStartTime}, and so on.
 *
 * @param policyPeriod the budget's period kind
 * @param policyStartTime when the budget was set
 * @param policyMaxWithdrawAmount the budget's max amount per period, possibly zero
 * @param withdrawalsInPeriod how many withdrawals the window saw
 * @param fundsWithdrawnInPeriod their total
 * @param periodStartTime the window's start
 * @param nextPeriodStartTime the window's end, the start of the next window
 */
public record BudgetPeriod(Period policyPeriod, Instant policyStartTime, BigDecimal policyMaxWithdrawAmount,
                           long withdrawalsInPeriod, BigDecimal fundsWithdrawnInPeriod,
                           Instant periodStartTime, Instant nextPeriodStartTime) {
}

package io.rita.kmm.domain;

import io.rita.types.EventType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget was set or replaced: from now on at most {@code maxWithdrawAmount} may be withdrawn
 * per {@code period}.
 *
 * <pre>{@code
 * new BudgetSet(new BigDecimal("20"), Period.MINUTELY, Instant.parse("2022-05-30T13:45:05Z"),
 *     Instant.parse("2022-05-30T13:45:00Z"), Instant.parse("2022-05-30T13:46:00Z"));
 * }</pre>
 *
 * @param maxWithdrawAmount the most that may be withdrawn per period, zero or more
 * @param period the period kind
 * @param policyStartTime when the budget was set
 * @param periodStartTime the start of the window that contains {@code policyStartTime}
 * @param nextPeriodStartTime the end of that window, the start of the next one
 */
@EventType("budget-set")
public record BudgetSet(BigDecimal maxWithdrawAmount, Period period, Instant policyStartTime,
                        Instant periodStartTime, Instant nextPeriodStartTime) implements AccountEvent {
}

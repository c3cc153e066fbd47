package io.rita.kmm.service;

import io.rita.kmm.domain.BudgetPeriod;
import io.rita.kmm.domain.Period;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The reply of {@code last-budget-period}, field for field the Go original's:
 * {@code {"PolicyPeriod":"minutely","PolicyStartTime":"…","PolicyMaxWithdrawAmount":"20",
 * "WithdrawalsInPeriod":2,"FundsWithdrawnInPeriod":"11.75","PeriodStartTime":"…",
 * "NextPeriodStartTime":"…"}}.
 *
 * <p>Without a budget every field holds Go's zero value ({@code ""}, {@code "0"},
 * {@code 0001-01-01T00:00:00Z}), which the original client prints as "no budget set". The
 * original could not tell that apart from a budget of 0 (it looked at the max amount); this
 * protocol can: no budget is exactly an empty {@code PolicyPeriod}.
 *
 * <pre>{@code
 * BudgetPeriodReply.of(state.lastBudgetPeriod()).budgetPeriod();   // round trip
 * }</pre>
 *
 * @param policyPeriod            the budget's period name, {@code ""} when no budget is set
 * @param policyStartTime         when the budget was set
 * @param policyMaxWithdrawAmount the budget's max amount per period
 * @param withdrawalsInPeriod     how many withdrawals the reported window saw
 * @param fundsWithdrawnInPeriod  their total
 * @param periodStartTime         the window's start
 * @param nextPeriodStartTime     the window's end
 */
public record BudgetPeriodReply(String policyPeriod, Instant policyStartTime, BigDecimal policyMaxWithdrawAmount,
                                long withdrawalsInPeriod, BigDecimal fundsWithdrawnInPeriod,
                                Instant periodStartTime, Instant nextPeriodStartTime) {

    /** The reply for the query's answer: the period's fields, or Go's zero values when there is no budget. */
    public static BudgetPeriodReply of(Optional<BudgetPeriod> period) {
        return period.map(p -> new BudgetPeriodReply(p.policyPeriod().wireName(), p.policyStartTime(),
                        p.policyMaxWithdrawAmount(), p.withdrawalsInPeriod(), p.fundsWithdrawnInPeriod(),
                        p.periodStartTime(), p.nextPeriodStartTime()))
                .orElseGet(() -> new BudgetPeriodReply("", GoWireModule.GO_ZERO_TIME, BigDecimal.ZERO, 0,
                        BigDecimal.ZERO, GoWireModule.GO_ZERO_TIME, GoWireModule.GO_ZERO_TIME));
    }

    /**
     * The answer this reply carries: empty when no budget is set.
     *
     * @throws io.rita.decider.Rejection when the period is not a known name (a reply from a newer service)
     */
    public Optional<BudgetPeriod> budgetPeriod() {
        if (policyPeriod == null || policyPeriod.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new BudgetPeriod(Period.parse(policyPeriod), policyStartTime, policyMaxWithdrawAmount,
                withdrawalsInPeriod, fundsWithdrawnInPeriod, periodStartTime, nextPeriodStartTime));
    }
}

package io.rita.kmm.service.web;

import io.rita.kmm.domain.BudgetPeriod;
import io.rita.kmm.service.KmmWire;

/**
 * One account as the page shows it, in the HTTP API's JSON:
 * {@code {"account":"susie","balance":"22.5","budget":{"period":"minutely","max":"20","used":"11.75",…}}},
 * {@code "budget":null} without a budget. Decimals are strings, as on the NATS wire.
 *
 * @param account the account's name
 * @param balance its balance
 * @param budget  the budget in force and how much of its current window is used, or {@code null}
 */
record AccountSummary(String account, String balance, Budget budget) {

    /**
     * A budget and its window in progress.
     *
     * @param period      {@code minutely}, {@code daily}, {@code weekly} or {@code monthly}
     * @param max         the most that may be withdrawn per window
     * @param used        withdrawn in the current window, what the next withdrawal is checked against
     * @param withdrawals how many withdrawals the current window saw
     * @param periodStart the current window's start (RFC 3339)
     * @param periodEnd   the current window's end, when {@code used} starts again from 0
     * @param since       when the budget was set
     */
    record Budget(String period, String max, String used, long withdrawals, String periodStart, String periodEnd,
                  String since) {

        static Budget of(BudgetPeriod period) {
            return new Budget(period.policyPeriod().wireName(), KmmWire.decimal(period.policyMaxWithdrawAmount()),
                    KmmWire.decimal(period.fundsWithdrawnInPeriod()), period.withdrawalsInPeriod(),
                    period.periodStartTime().toString(), period.nextPeriodStartTime().toString(),
                    period.policyStartTime().toString());
        }
    }
}

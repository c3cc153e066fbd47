/**
 * Kids Money Manager's domain: accounts that parents fill, kids spend from, and budgets that
 * cap what may be withdrawn per minute, day, week or month. Pure Java: records, sealed
 * interfaces and one {@link io.rita.kmm.domain.AccountDecider}; no I/O, no NATS, no JSON
 * annotations. Time comes in through a {@link java.time.Clock}.
 *
 * <h2>The pieces</h2>
 * <ul>
 *   <li>Commands ({@link io.rita.kmm.domain.AccountCommand}): {@code DepositFunds},
 *       {@code WithdrawFunds}, {@code SetBudget}, {@code RemoveBudget}.</li>
 *   <li>Events ({@link io.rita.kmm.domain.AccountEvent}), named with
 *       {@link io.rita.types.EventType} so that {@code TypeRegistry.scan("io.rita.kmm.domain")}
 *       finds them: {@code funds-deposited}, {@code funds-withdrawn}, {@code budget-set},
 *       {@code budget-removed}.</li>
 *   <li>State ({@link io.rita.kmm.domain.AccountState}) and the queries over it:
 *       {@code balance()} and {@code lastBudgetPeriod()}; the ledger
 *       ({@link io.rita.kmm.domain.LedgerEntry#ledger}) is a view of the events.</li>
 *   <li>The accounts list's view ({@link io.rita.kmm.domain.AccountOverview}): balance and
 *       budget in force per account, and its pure fold for the service's accounts projection.</li>
 * </ul>
 *
 * <pre>{@code
 * var decider = new AccountDecider(clock, ZoneId.systemDefault());
 * var state = decider.fold(decider.initialState(), storedEvents);
 * var events = decider.decide(state, new SetBudget(new BigDecimal("20"), Period.parse("minutely")));
 * }</pre>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Amounts</b> are {@link java.math.BigDecimal}, never floating point, stored with
 *       trailing zeros trimmed ({@code 7.50} becomes {@code 7.5}, {@code 1E+2} becomes
 *       {@code 100}). To keep every request cheap, amounts must be below 10^15 and have at most
 *       10 decimal places; the checks look at the exponent first, so {@code 1E+999999999} is
 *       refused without being expanded.</li>
 *   <li><b>Times</b> are {@link java.time.Instant}s. A moment is all the rules need; the local
 *       calendar comes from the decider's zone, not from an offset carried in each event. On the
 *       wire they are RFC 3339 (an instant prints as {@code 2022-05-30T13:45:00Z}, and RFC 3339
 *       times with any offset, as the Go original writes them, read back as the same instant).
 *       </li>
 *   <li><b>Periods</b> ({@link io.rita.kmm.domain.Period}) are an enum whose
 *       {@code toString()} is the wire name; a JSON mapper set to read and write enums by
 *       {@code toString()} needs no annotations. User input goes through
 *       {@link io.rita.kmm.domain.Period#parse}, which refuses anything else with
 *       {@code kmm: period must be minutely, daily, weekly, monthly}.</li>
 *   <li><b>Budget windows</b> are calendar windows in the decider's zone, computed with
 *       {@link java.time.ZonedDateTime} so that daylight-saving days have 23 or 25 hours: the
 *       clock minute, local midnight, Monday 00:00 (on a Sunday: the Monday before), the 1st at
 *       00:00.</li>
 *   <li><b>What counts against a budget</b>: every withdrawal whose time falls in the window in
 *       progress, including those made before the budget was set or changed within that window.
 *       So {@code set-budget} takes effect at once: lowering the max mid-period is checked
 *       against what was already spent, and switching from minutely to daily counts the whole
 *       day. The state keeps, for each period kind, the latest window that saw a withdrawal, so
 *       this is known whatever budget is set next.</li>
 *   <li><b>Rollover</b>: the first withdrawal of a new window is checked against the max like
 *       any other (the Go original let it through unchecked).</li>
 *   <li><b>A budget of 0</b> is a budget: it refuses every withdrawal and is reported by
 *       {@code lastBudgetPeriod()} with max 0, not as "no budget set".</li>
 *   <li><b>Clock skew</b>: a withdrawal timed before the latest tallied window counts toward
 *       that window, so two services with slightly different clocks cannot reopen a spent
 *       window.</li>
 *   <li><b>{@code last-budget-period}</b> reports the last window of the budget's period that
 *       saw a withdrawal, or the window the budget was set in while none has; see
 *       {@link io.rita.kmm.domain.AccountState#lastBudgetPeriod()}.</li>
 *   <li>Removing a budget when none is set is accepted and changes nothing (no event).</li>
 * </ul>
 */
package io.rita.kmm.domain;

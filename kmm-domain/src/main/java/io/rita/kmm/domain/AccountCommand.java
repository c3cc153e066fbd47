package io.rita.kmm.domain;

/**
 * A request to change an account, decided by {@link AccountDecider}.
 *
 * <pre>{@code
 * AccountCommand command = new WithdrawFunds(new BigDecimal("7.50"), "baseball cards");
 * List<AccountEvent> events = decider.decide(state, command);
 * }</pre>
 *
 * <p>Commands carry raw input: {@link AccountDecider#decide} validates it and throws
 * {@link io.rita.decider.Rejection} with the spec's error text when it is not acceptable.
 */
public sealed interface AccountCommand permits DepositFunds, WithdrawFunds, SetBudget, RemoveBudget {
}

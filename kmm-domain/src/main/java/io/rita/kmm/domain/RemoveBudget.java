package io.rita.kmm.domain;

/**
 * Lifts the account's budget (command {@code remove-budget}). Without a budget it is accepted
 * and changes nothing.
 *
 * <pre>{@code
 * decider.decide(state, new RemoveBudget());
 * }</pre>
 */
public record RemoveBudget() implements AccountCommand {
}

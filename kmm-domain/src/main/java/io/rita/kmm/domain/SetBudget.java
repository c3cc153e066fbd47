package io.rita.kmm.domain;

import java.math.BigDecimal;

/**
 * Sets or replaces the account's budget (command {@code set-budget}): at most
 * {@code maxAmount} may be withdrawn per {@code period}. Takes effect at once, also for the
 * period in progress.
 *
 * <pre>{@code
 * new SetBudget(new BigDecimal("20"), Period.parse("minutely"));
 * }</pre>
 *
 * @param maxAmount the most that may be withdrawn per period; zero blocks every withdrawal
 * @param period the period kind; parse user input with {@link Period#parse}, and a
 *               {@code null} period is refused with {@link Period#INVALID}
 */
public record SetBudget(BigDecimal maxAmount, Period period) implements AccountCommand {
}

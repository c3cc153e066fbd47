package io.rita.kmm.domain;

import java.math.BigDecimal;

/**
 * Takes money out of an account (command {@code withdraw-funds}), within the balance and the
 * budget of the current period.
 *
 * <pre>{@code
 * new WithdrawFunds(new BigDecimal("7.50"), "baseball cards");
 * }</pre>
 *
 * @param amount the amount, greater than zero, at most 10 decimal places, less than 10^15
 * @param description free text shown in the ledger; {@code null} is taken as {@code ""}
 */
public record WithdrawFunds(BigDecimal amount, String description) implements AccountCommand {
}

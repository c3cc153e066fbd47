package io.rita.kmm.domain;

import java.math.BigDecimal;

/**
 * Adds money to an account (command {@code deposit-funds}).
 *
 * <pre>{@code
 * new DepositFunds(new BigDecimal("50"), "birthday money");
 * }</pre>
 *
 * @param amount the amount, greater than zero, at most 10 decimal places, less than 10^15
 * @param description free text shown in the ledger; {@code null} is taken as {@code ""}
 */
public record DepositFunds(BigDecimal amount, String description) implements AccountCommand {
}

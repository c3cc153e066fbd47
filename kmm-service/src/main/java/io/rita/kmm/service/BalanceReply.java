package io.rita.kmm.service;

import java.math.BigDecimal;

/**
 * The reply of {@code balance}: {@code {"Amount":"30"}}.
 *
 * <pre>{@code
 * BigDecimal balance = KmmWire.read(reply.getData(), BalanceReply.class, "{}").amount();
 * }</pre>
 *
 * @param amount the account's balance; {@code 0} for an account that has no events
 */
public record BalanceReply(BigDecimal amount) {
}

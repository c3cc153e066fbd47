package io.rita.kmm.domain;

import io.rita.types.EventType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money was added to the account.
 *
 * <pre>{@code
 * new FundsDeposited(new BigDecimal("20"), "grass mowing", Instant.parse("2022-05-30T13:41:53Z"));
 * }</pre>
 *
 * @param amount the amount added, greater than zero, trailing zeros trimmed
 * @param description free text, {@code ""} when none was given
 * @param time when the deposit was decided, from the decider's clock
 */
@EventType("funds-deposited")
public record FundsDeposited(BigDecimal amount, String description, Instant time) implements AccountEvent {
}

package io.rita.kmm.domain;

import io.rita.types.EventType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money was taken out of the account.
 *
 * <pre>{@code
 * new FundsWithdrawn(new BigDecimal("7.5"), "baseball cards", Instant.parse("2022-05-30T13:43:13Z"), false);
 * }</pre>
 *
 * @param amount the amount taken out, greater than zero, trailing zeros trimmed
 * @param description free text, {@code ""} when none was given
 * @param time when the withdrawal was decided, from the decider's clock
 * @param periodChanged true when a budget was in force and this withdrawal is the first in a new
 *                      window of the budget's period; informational only, state is rebuilt from
 *                      {@code time}, so events written by other programs fold the same way
 */
@EventType("funds-withdrawn")
public record FundsWithdrawn(BigDecimal amount, String description, Instant time, boolean periodChanged)
        implements AccountEvent {
}

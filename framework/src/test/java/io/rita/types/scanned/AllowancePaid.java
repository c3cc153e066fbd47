package io.rita.types.scanned;

import io.rita.types.EventType;

import java.math.BigDecimal;
import java.time.Instant;

/** A scanned event type for the registry's scan tests. */
@EventType("allowance-paid")
public record AllowancePaid(BigDecimal amount, Instant time) {
}

package io.rita.types.scanned.more;

import io.rita.types.EventType;

import java.math.BigDecimal;

/** An event type in a sub-package, found by scanning the parent package. */
@EventType("goal-set")
public record GoalSet(String goal, BigDecimal target) {
}

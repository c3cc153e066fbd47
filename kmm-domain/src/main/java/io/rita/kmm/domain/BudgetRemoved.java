package io.rita.kmm.domain;

import io.rita.types.EventType;
import java.time.Instant;

/**
 * The budget was lifted; withdrawals are limited by the balance only.
 *
 * <pre>{@code
 * new BudgetRemoved(Instant.parse("2022-05-30T13:47:00Z"));
 * }</pre>
 *
 * @param policyRemoveTime when the budget was removed
 */
@EventType("budget-removed")
public record BudgetRemoved(Instant policyRemoveTime) implements AccountEvent {
}

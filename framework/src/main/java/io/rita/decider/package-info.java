/**
 * The programming model's core: a {@link io.rita.decider.Decider} is three pure functions over
 * records ({@code initialState}, {@code decide}, {@code evolve}); a {@link io.rita.decider.Rejection}
 * refuses a command with a message for the caller. Domain code depends on this package only.
 */
package io.rita.decider;

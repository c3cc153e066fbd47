/**
 * The event store: {@link io.rita.eventstore.Rita} (the entry point on a jnats connection),
 * {@link io.rita.eventstore.EventStore} and its JetStream implementation, {@link io.rita.eventstore.Event},
 * concurrency expectations ({@link io.rita.eventstore.Expected}) and the exceptions, all unchecked.
 *
 * <p>Nothing here returns {@code null} unless its Javadoc says so.
 */
package io.rita.eventstore;

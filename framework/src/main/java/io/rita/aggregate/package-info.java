/**
 * The command engine: {@link io.rita.aggregate.AggregateEngine} loads an aggregate (from its
 * cache or the store), decides a command with its {@link io.rita.decider.Decider}, appends the
 * events with the expected sequence and retries on conflicts, and answers with an
 * {@link io.rita.aggregate.Outcome}. Plain Java, no transport: the NATS service runner, an HTTP
 * handler, a scheduled job and a test call it alike.
 */
package io.rita.aggregate;

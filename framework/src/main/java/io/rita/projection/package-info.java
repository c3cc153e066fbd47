/**
 * Durable projections (read models): a {@link io.rita.projection.Projection} folds the events of
 * many subjects into views kept in a JetStream key-value bucket, a
 * {@link io.rita.projection.Projector} runs it from a durable consumer (surviving restarts, applied
 * once however many processes run it, every event applied exactly once in effect), and
 * {@link io.rita.projection.Views} read it. See {@code docs/programming-model.md}, "Projections".
 */
package io.rita.projection;

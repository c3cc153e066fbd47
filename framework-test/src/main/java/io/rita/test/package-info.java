/**
 * Rita's test kit: given/when/then scenarios for deciders ({@link io.rita.test.DeciderFixture})
 * and for routes through the production dispatcher on an in-memory store
 * ({@link io.rita.test.HandlerFixture}), and the conformance suite every event store passes
 * ({@link io.rita.test.EventStoreConformance}). Failures are
 * {@link org.opentest4j.AssertionFailedError}s that start with the scenario and show expected
 * and actual field by field. See {@code docs/testing.md}.
 */
package io.rita.test;

/**
 * A real {@code nats-server} for tests: {@link io.rita.test.nats.NatsServerExtension}, one server
 * per test class on a free loopback port, with a connection that survives restarts.
 */
package io.rita.test.nats;

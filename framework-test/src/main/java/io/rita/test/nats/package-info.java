/**
 * A real {@code nats-server} for tests: {@link io.rita.test.nats.NatsServerExtension}, one server
 * per test class on a free loopback port, with a connection that survives restarts; and
 * {@link io.rita.test.nats.NatsClusterExtension}, a real 3-node cluster per test class for
 * replicated streams and failover ({@link io.rita.test.nats.NatsCluster} without JUnit).
 */
package io.rita.test.nats;

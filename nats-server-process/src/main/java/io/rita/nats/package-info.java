/**
 * Running a real {@code nats-server} (with JetStream unless told otherwise) as a child process,
 * alone or as a member of a cluster ({@link io.rita.nats.NatsClusterOptions}): for tests (through
 * {@code io.rita.test.nats.NatsServerExtension} and {@code NatsClusterExtension}) and for
 * {@code kmm serve --nats.embed}.
 *
 * <pre>{@code
 * try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start()) {
 *     Connection connection = Nats.connect(server.url());
 * }
 * }</pre>
 *
 * <p>Nothing is downloaded: the executable is found through {@code NATS_SERVER_PATH}, {@code PATH}
 * or {@code /usr/sbin/nats-server} (see {@link io.rita.nats.NatsServerBinary}).
 */
package io.rita.nats;

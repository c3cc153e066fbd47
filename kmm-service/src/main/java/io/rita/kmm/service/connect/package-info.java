/**
 * Connecting to NATS the way the {@code nats} CLI does, independent of KMM's protocol:
 * {@link io.rita.kmm.service.connect.NatsAccess} resolves servers, credentials and TLS from
 * flags, environment and the CLI's saved contexts ({@link io.rita.kmm.service.connect.NatsContext})
 * and connects with a one-line explanation of any failure;
 * {@link io.rita.kmm.service.connect.PermissionWatch} turns the server's asynchronous permission
 * violations into failures of the request that caused them.
 *
 * <p>Nothing here knows KMM's subjects, so that it can move into the framework with a typed client.
 */
package io.rita.kmm.service.connect;

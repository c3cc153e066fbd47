/**
 * Connecting to NATS the way the {@code nats} CLI does, independent of KMM's protocol:
 * {@link io.rita.kmm.service.connect.NatsAccess} resolves servers, credentials and TLS from
 * flags, environment and the CLI's saved contexts ({@link io.rita.kmm.service.connect.NatsContext})
 * and connects with a one-line explanation of any failure. (The server's asynchronous permission
 * violations are the framework client's business: {@code io.rita.client.ServiceClient#errorListener}.)
 *
 * <p>Nothing here knows KMM's subjects.
 */
package io.rita.kmm.service.connect;

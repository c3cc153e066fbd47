/**
 * Kids Money Manager as a service on Rita: the Go original's wire format ({@link
 * io.rita.kmm.service.KmmWire} and the request and reply records), the endpoints as framework
 * routes ({@link io.rita.kmm.service.KmmRoutes}) and the running service with its optional
 * embedded nats-server ({@link io.rita.kmm.service.KmmServer}).
 *
 * <pre>{@code
 * try (KmmServer server = KmmServer.start(KmmServerOptions.embedded(dataDir))) {
 *     // serving kmm.services.<account>.<operation> on server.url()
 * }
 * }</pre>
 *
 * <p>See {@code docs/kmm.md} for the walk-through.
 */
package io.rita.kmm.service;

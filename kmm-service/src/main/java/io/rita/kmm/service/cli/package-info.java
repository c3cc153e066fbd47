/**
 * The {@code kmm} program ({@link io.rita.kmm.service.cli.Kmm}): {@code serve}, the client
 * commands and {@code demo}, on picocli. Everything here is a thin layer over
 * {@link io.rita.kmm.service.KmmServer} and {@link io.rita.kmm.service.client.KmmClient}.
 */
package io.rita.kmm.service.cli;

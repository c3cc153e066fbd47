/**
 * Routes, the {@link io.rita.service.Dispatcher} that serves them against an event store
 * without NATS, and the {@link io.rita.service.ServiceRunner} that hosts them as NATS service
 * endpoints. See {@code docs/programming-model.md}.
 */
package io.rita.service;

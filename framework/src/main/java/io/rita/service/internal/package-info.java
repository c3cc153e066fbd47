/**
 * Plumbing of the dispatcher and the service runner: the aggregate cache, per-aggregate turns,
 * backoff, JSON bodies, subject patterns, JetStream live streams. Nothing here is API; it may
 * change in any release.
 */
package io.rita.service.internal;

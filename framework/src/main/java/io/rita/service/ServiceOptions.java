package io.rita.service;

import io.rita.eventstore.Subjects;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ServiceRunner} presents itself on the NATS service API, and how it shuts down.
 *
 * <pre>{@code
 * ServiceOptions options = ServiceOptions.of("kmm", "1.0.0", "Kids Money Manager");
 * }</pre>
 *
 * @param name         the service name, shown by {@code $SRV.PING/INFO/STATS} (letters, digits, {@code -}, {@code _})
 * @param version      the service version (semantic versioning, e.g. {@code 1.0.0})
 * @param description  a line about what the service does
 * @param queueGroup   the queue group of every endpoint, so that several runners share the load
 *                     (default: the service name, not the service API's {@code q}, so that the
 *                     endpoints, and above all a fallback on a wide pattern, never share a queue
 *                     group with another service that happens to use the default too)
 * @param drainTimeout how long {@link ServiceRunner#close()} waits for requests in flight (default 10 s)
 * @param fallback     a wider pattern (e.g. {@code kmm.services.>}) served by one more endpoint, named
 *                     {@code fallback}, so that a request no route serves is answered 404
 *                     {@code unknown service operation} instead of not at all; {@code null} for none
 *                     (the default). NATS hands a request to one member of a queue group even across
 *                     patterns, so the fallback also takes a share of routed requests; it serves them
 *                     exactly as their own endpoint would (only the per-endpoint statistics split).
 *                     The pattern must cover this service's subjects only: any other subscriber on
 *                     them gets a 404 from the fallback too (a share of its requests in the same
 *                     queue group, a second reply in another).
 */
public record ServiceOptions(String name, String version, String description, String queueGroup,
                             Duration drainTimeout, String fallback) {

    public ServiceOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(queueGroup, "queueGroup");
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must be >= 0, was " + drainTimeout);
        }
        if (fallback != null && !Subjects.isFilter(fallback)) {
            throw new IllegalArgumentException("fallback must be a valid subject pattern, was '" + fallback + "'");
        }
    }

    /** Options with the default queue group (the service name), drain timeout and no fallback. */
    public static ServiceOptions of(String name, String version, String description) {
        return new ServiceOptions(name, version, description, name, Duration.ofSeconds(10), null);
    }

    /** These options with another queue group. */
    public ServiceOptions withQueueGroup(String newQueueGroup) {
        return new ServiceOptions(name, version, description, newQueueGroup, drainTimeout, fallback);
    }

    /** These options with another drain timeout. */
    public ServiceOptions withDrainTimeout(Duration newDrainTimeout) {
        return new ServiceOptions(name, version, description, queueGroup, newDrainTimeout, fallback);
    }

    /** These options with a fallback endpoint on a wider pattern. */
    public ServiceOptions withFallback(String newFallback) {
        return new ServiceOptions(name, version, description, queueGroup, drainTimeout, newFallback);
    }
}

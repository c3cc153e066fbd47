package io.rita.service;

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
 *                     (default {@code q}, the service API's default)
 * @param drainTimeout how long {@link ServiceRunner#close()} waits for requests in flight (default 10 s)
 */
public record ServiceOptions(String name, String version, String description, String queueGroup,
                             Duration drainTimeout) {

    public ServiceOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(queueGroup, "queueGroup");
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must be >= 0, was " + drainTimeout);
        }
    }

    /** Options with the default queue group and drain timeout. */
    public static ServiceOptions of(String name, String version, String description) {
        return new ServiceOptions(name, version, description, "q", Duration.ofSeconds(10));
    }

    /** These options with another queue group. */
    public ServiceOptions withQueueGroup(String newQueueGroup) {
        return new ServiceOptions(name, version, description, newQueueGroup, drainTimeout);
    }

    /** These options with another drain timeout. */
    public ServiceOptions withDrainTimeout(Duration newDrainTimeout) {
        return new ServiceOptions(name, version, description, queueGroup, newDrainTimeout);
    }
}

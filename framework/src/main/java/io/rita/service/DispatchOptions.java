package io.rita.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.aggregate.EngineOptions;

import java.util.Objects;

/**
 * Options of a {@link Dispatcher}, with documented defaults.
 *
 * <pre>{@code
 * DispatchOptions options = DispatchOptions.defaults()
 *         .withJson(kmmMapper)
 *         .withEngine(EngineOptions.defaults().withMaxAttempts(20));
 * }</pre>
 *
 * @param engine       the options of the engines that handle the routes' commands and queries
 *                     (cache, retries, group commit; see {@link EngineOptions})
 * @param maxBodyBytes the largest request body accepted (default 64 KiB); larger ones get a 413
 * @param json         reads command bodies and writes reply bodies (default: Jackson with java.time,
 *                     ISO-8601 dates, and refusing missing fields, nulls for primitives, unknown
 *                     properties, trailing tokens and decimals for whole numbers)
 * @param tracing      traces each command (default {@link CommandTracing#NONE}: the request's
 *                     {@code traceparent} is stored with the events as it came)
 */
public record DispatchOptions(EngineOptions engine, int maxBodyBytes, ObjectMapper json, CommandTracing tracing) {

    public DispatchOptions {
        Objects.requireNonNull(engine, "engine");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, was " + maxBodyBytes);
        }
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(tracing, "tracing");
    }

    /** The defaults listed above. */
    public static DispatchOptions defaults() {
        return new DispatchOptions(EngineOptions.defaults(), 64 * 1024, JsonBodies.defaultMapper(),
                CommandTracing.NONE);
    }

    /** These options with other engine options. */
    public DispatchOptions withEngine(EngineOptions newEngine) {
        return new DispatchOptions(newEngine, maxBodyBytes, json, tracing);
    }

    /** These options with another body size limit. */
    public DispatchOptions withMaxBodyBytes(int newMaxBodyBytes) {
        return new DispatchOptions(engine, newMaxBodyBytes, json, tracing);
    }

    /** These options tracing each command with {@code newTracing}. */
    public DispatchOptions withTracing(CommandTracing newTracing) {
        return new DispatchOptions(engine, maxBodyBytes, json, newTracing);
    }

    /** These options with another JSON mapper (for example one with a naming strategy). */
    public DispatchOptions withJson(ObjectMapper newJson) {
        return new DispatchOptions(engine, maxBodyBytes, newJson, tracing);
    }
}

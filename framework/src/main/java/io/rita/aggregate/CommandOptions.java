package io.rita.aggregate;

import io.rita.eventstore.EventEncoding;
import io.rita.eventstore.Expected;
import io.rita.internal.Shown;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one command is to be handled: its id, its correlation id, what the caller expects of the
 * aggregate, and metadata to store with its events.
 *
 * <pre>{@code
 * engine.handle(subject, command, CommandOptions.defaults()
 *         .withCommandId("susie-deposit-0042")       // resending it later stores it once
 *         .withExpected(Expected.sequence(17)));     // only if the aggregate is still at 17
 * }</pre>
 *
 * <p>The events of a command get ids {@code <command id>-<index>} and the metadata
 * {@value #CAUSATION_ID} (the command id) and {@value #CORRELATION_ID}, so that a resent
 * command is recognised from the store, across processes and restarts.
 *
 * @param commandId     the command's id (1 to 128 visible ASCII characters), or {@code null} for a
 *                      generated one; give one whenever the command may be sent again
 * @param correlationId the id of the conversation the command belongs to, or {@code null} for the command id
 * @param expected      {@link Expected#any()} to decide on whatever the aggregate holds (retrying on
 *                      conflicts), or {@link Expected#sequence(long)} to decide only if the aggregate is
 *                      still at that sequence (no retry: {@link Outcome.Conflict} otherwise)
 * @param meta          more metadata for every event of the command (e.g. {@code traceparent})
 * @param origin        where the command came from, e.g. the service endpoint's name, for
 *                      {@link CommandReport}s (metrics, logs); {@code null} when nobody asks
 */
public record CommandOptions(String commandId, String correlationId, Expected expected, Map<String, String> meta,
                             String origin) {

    /** The event metadata key holding the command id. */
    public static final String CAUSATION_ID = "causation-id";
    /** The event metadata key holding the correlation id. */
    public static final String CORRELATION_ID = "correlation-id";
    /** The longest command or correlation id accepted. */
    public static final int MAX_ID_LENGTH = 128;

    private static final CommandOptions DEFAULTS = new CommandOptions(null, null, Expected.any(), Map.of(), null);

    public CommandOptions {
        checkId("command id", commandId);
        checkId("correlation id", correlationId);
        Objects.requireNonNull(expected, "expected");
        // checked here, not at the append: there a bad entry would fail every command of its group
        if (meta != null) {
            meta.forEach(EventEncoding::checkMeta);
        }
        meta = meta == null ? Map.of() : Map.copyOf(meta);
        if (meta.containsKey(CAUSATION_ID) || meta.containsKey(CORRELATION_ID)) {
            throw new IllegalArgumentException("meta must not set " + CAUSATION_ID + " or " + CORRELATION_ID
                    + "; give them as the command id and correlation id");
        }
    }

    /** A generated command id, no correlation, no expectation, no extra metadata. */
    public static CommandOptions defaults() {
        return DEFAULTS;
    }

    /** These options with a command id. */
    public CommandOptions withCommandId(String newCommandId) {
        return new CommandOptions(newCommandId, correlationId, expected, meta, origin);
    }

    /** These options with a correlation id. */
    public CommandOptions withCorrelationId(String newCorrelationId) {
        return new CommandOptions(commandId, newCorrelationId, expected, meta, origin);
    }

    /** These options with an expectation of the aggregate's sequence. */
    public CommandOptions withExpected(Expected newExpected) {
        return new CommandOptions(commandId, correlationId, newExpected, meta, origin);
    }

    /** These options with one more metadata entry for the command's events. */
    public CommandOptions withMeta(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(meta);
        copy.put(key, value);
        return new CommandOptions(commandId, correlationId, expected, copy, origin);
    }

    /** These options naming where the command came from. */
    public CommandOptions withOrigin(String newOrigin) {
        return new CommandOptions(commandId, correlationId, expected, meta, newOrigin);
    }

    /**
     * Ids end up as event ids and metadata, which the store accepts only as printable ASCII that
     * survives as a NATS header; checked here so that a bad id is the caller's error, not the store's.
     */
    private static void checkId(String what, String id) {
        if (id != null && (id.length() > MAX_ID_LENGTH || !EventEncoding.isId(id))) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_ID_LENGTH
                    + " visible ASCII characters (letters, digits, punctuation; no spaces), was '"
                    + Shown.shortened(id) + "'");
        }
    }
}

package io.rita.eventstore;

/**
 * The data of a loaded event whose type the registry does not know, loaded with
 * {@link UnknownTypes#KEEP}: what was stored, undecoded. The {@link StoredEvent} around it keeps the
 * stored type name, id, time, metadata, subject and sequence.
 *
 * <pre>{@code
 * if (event.data() instanceof UnknownEvent unknown) {
 *     log.info("skipping " + event.type() + " (" + unknown.codec() + ", version " + unknown.version() + ")");
 * }
 * }</pre>
 *
 * @param codec   the stored codec name ({@code rita-codec})
 * @param version the stored version ({@code rita-version}; 1 when absent)
 * @param data    the stored bytes
 */
public record UnknownEvent(String codec, int version, byte[] data) {
}

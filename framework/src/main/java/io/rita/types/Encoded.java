package io.rita.types;

/**
 * Event data as it goes on the wire: the type name, the codec name and the bytes.
 *
 * @param type  the event type name ({@code rita-type})
 * @param codec the codec name ({@code rita-codec})
 * @param data  the encoded payload
 */
public record Encoded(String type, String codec, byte[] data) {
}

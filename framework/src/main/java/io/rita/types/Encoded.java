package io.rita.types;

/**
 * Event data as it goes on the wire: the type name, its version, the codec name and the bytes.
 * What the registry encodes an event into, and what a load that keeps unknown types
 * ({@code UnknownTypes.KEEP}) gives as the data of an event whose type the registry does not
 * know: the stored name, version, codec and bytes, undecoded.
 *
 * @param type    the event type's current name ({@code rita-type})
 * @param version the type's current version ({@code rita-version}; 1 for a type without upcasters)
 * @param codec   the codec name ({@code rita-codec})
 * @param data    the encoded payload
 */
public record Encoded(String type, int version, String codec, byte[] data) {
}

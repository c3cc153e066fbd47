package io.rita.types;

/**
 * Event data as it goes on the wire: the type name, its version, the codec name and the bytes.
 * What the registry encodes an event into, and what a load that keeps unknown types
 * ({@code UnknownTypes.KEEP}) gives as the data of an event whose type the registry does not
 * know: the stored name, version, codec and bytes, undecoded.
 *
 * @param type    the event type's name ({@code rita-type}): the current one when encoded, as
 *                stored for an unknown type
 * @param version its version ({@code rita-version}): the current one when encoded (1 for a type
 *                without upcasters), as stored for an unknown type
 * @param codec   the codec name ({@code rita-codec})
 * @param data    the encoded payload
 */
public record Encoded(String type, int version, String codec, byte[] data) {
}

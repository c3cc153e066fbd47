package io.rita.projection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Keys of a view bucket. A projection's key is any non-empty text, but a key-value key is one
 * or more subject tokens of a few characters ({@code A-Z a-z 0-9 - _ / = .}), which the
 * {@code nats} CLI and other clients insist on. So every character outside
 * {@code A-Z a-z 0-9 - _ /} is written as {@code =XX} per UTF-8 byte ({@code zoë} ->
 * {@code zo=C3=AB}, {@code a.b} -> {@code a=2Eb}), and so is a leading {@code _}: keys starting
 * with {@code _rita.} are the projection's own ({@link #LEASE}, {@link #READY}, {@link #FAILURE})
 * and no view key can take their place. Plain keys ({@code susie}) stay as they are.
 */
final class ViewKeys {

    /** Who applies the projection now, and how far it got (see {@link Lease}). */
    static final String LEASE = "_rita.lease";
    /** Present once the version caught up with the stream for the first time: readers may switch to it. */
    static final String READY = "_rita.ready";
    /** Present while the projection is stopped on an event it cannot apply. */
    static final String FAILURE = "_rita.failure";
    /** The prefix of the projection's own keys. */
    static final String OWN_PREFIX = "_rita.";

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private ViewKeys() {
    }

    /**
     * The bucket key of a view key.
     *
     * @throws IllegalArgumentException when the key is null or empty
     */
    static String encode(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a view key must not be " + (key == null ? "null" : "empty"));
        }
        StringBuilder out = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '/' || (c == '_' && i > 0));
            if (plain && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(key.length() + 8).append(key, 0, i);
            }
            if (plain) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < key.length() ? i + 2 : i + 1;
                for (byte b : key.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('=').append(HEX.toHexDigits(b));
                }
                i = end - 1;
            }
        }
        return out == null ? key : out.toString();
    }

    /** The view key of a bucket key written by {@link #encode}. */
    static String decode(String encoded) {
        if (encoded.indexOf('=') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '=' && i + 2 < encoded.length()) {
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Whether a bucket key is one of the projection's own rather than a view's. */
    static boolean isOwn(String encoded) {
        return encoded.startsWith(OWN_PREFIX);
    }
}

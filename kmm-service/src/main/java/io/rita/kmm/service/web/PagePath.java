package io.rita.kmm.service.web;

import io.rita.eventstore.Subjects;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's path as segments, each percent-decoded on its own, so that an account name holding
 * an encoded {@code /} stays one segment (and is then refused as an account, not routed).
 *
 * <pre>{@code
 * PagePath path = PagePath.parse("/api/accounts/susie/deposit-funds");
 * path.segments();   // [api, accounts, susie, deposit-funds]
 * path.account(2);   // "susie", checked to be one subject token
 * }</pre>
 *
 * @param raw      the path as sent, for messages
 * @param segments the decoded segments; a trailing slash gives no empty last segment
 */
record PagePath(String raw, List<String> segments) {

    /** How much of a bad value a message quotes. */
    private static final int QUOTED = 64;

    /**
     * Parses a raw (still percent-encoded) path.
     *
     * @throws HttpError 400 when a segment has a broken escape or is not UTF-8
     */
    static PagePath parse(String raw) {
        List<String> segments = new ArrayList<>();
        String path = raw == null || raw.isEmpty() ? "/" : raw;
        for (String segment : path.substring(path.startsWith("/") ? 1 : 0).split("/", -1)) {
            segments.add(decode(segment, path));
        }
        if (!segments.isEmpty() && segments.getLast().isEmpty()) {
            segments.removeLast();
        }
        return new PagePath(path, List.copyOf(segments));
    }

    /** Whether the path is exactly these segments. */
    boolean is(String... expected) {
        return segments.equals(List.of(expected));
    }

    /** Whether the path has {@code size} segments and starts with {@code prefix}. */
    boolean matches(int size, String... prefix) {
        return segments.size() == size && segments.subList(0, prefix.length).equals(List.of(prefix));
    }

    /**
     * The account named by segment {@code index}.
     *
     * @throws HttpError 400 when it is not one word without {@code .}, {@code *}, {@code >} or
     *                   whitespace, the rule of the NATS endpoints
     */
    String account(int index) {
        return requireAccount(segments.get(index));
    }

    /**
     * Returns {@code account} when it is one word without {@code .}, {@code *}, {@code >} or
     * whitespace.
     *
     * @throws HttpError 400 otherwise
     */
    static String requireAccount(String account) {
        if (!Subjects.isToken(account)) {
            throw new HttpError(400, "kmm: account must be one word without '.', '*', '>' or whitespace, was '"
                    + shorten(account) + "'");
        }
        return account;
    }

    /** A value cut for quoting in a message. */
    static String shorten(String value) {
        String text = String.valueOf(value);
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "… (" + text.length() + " characters)";
    }

    /**
     * Percent-decodes one segment (or query value) of {@code path}; a {@code +} stays a {@code +}.
     *
     * @throws HttpError 400 for a broken escape or bytes that are not UTF-8
     */
    static String decode(String segment, String path) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
            if (low < 0) {
                throw new HttpError(400, "the path '" + shorten(path) + "' has a broken %-escape");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "the path '" + shorten(path) + "' is not UTF-8 once %-decoded");
        }
    }
}

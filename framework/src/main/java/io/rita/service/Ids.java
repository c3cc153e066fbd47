package io.rita.service;

import io.rita.aggregate.CommandOptions;
import io.rita.eventstore.EventEncoding;
import io.rita.internal.Shown;

/** Reads and checks the id and sequence headers of a request. */
final class Ids {

    private static final java.util.regex.Pattern TRACEPARENT =
            java.util.regex.Pattern.compile("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    private Ids() {
    }

    /**
     * An id header, or {@code null} when absent.
     *
     * @throws BadRequestException when present but empty, too long, or not visible ASCII: checked
     *                             before anything else, because ids end up as event ids and
     *                             metadata, which the store refuses unless they survive as NATS
     *                             headers (ASCII, no line breaks, no surrounding spaces), and that
     *                             refusal would otherwise be a 500
     */
    static String header(Request request, String name) {
        String value = request.header(name);
        if (value == null) {
            return null;
        }
        if (value.length() > CommandOptions.MAX_ID_LENGTH || !EventEncoding.isId(value)) {
            throw new BadRequestException(BadRequestException.Part.HEADER, name + " must be 1 to "
                    + CommandOptions.MAX_ID_LENGTH + " visible ASCII characters (letters, digits, punctuation;"
                    + " no spaces), was '" + Shown.shortened(value) + "'");
        }
        return value;
    }

    /**
     * A sequence header, or {@code null} when absent.
     *
     * @throws BadRequestException when present but not a number {@code >= 0}
     */
    static Long sequenceHeader(Request request, String name) {
        String value = request.header(name);
        if (value == null) {
            return null;
        }
        try {
            long sequence = Long.parseLong(value.trim());
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new BadRequestException(BadRequestException.Part.HEADER, name + " must be a sequence number >= 0, was '"
                + Shown.shortened(value) + "'");
    }

    /**
     * Whether {@code value} is a W3C trace context ({@code 00-<32 hex>-<16 hex>-<2 hex>}); another
     * value is ignored rather than refused, as tracing must never fail a command.
     */
    static boolean isTraceparent(String value) {
        return TRACEPARENT.matcher(value).matches();
    }
}

package io.rita.service;

import io.rita.eventstore.Subjects;
import io.rita.internal.Shown;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request to a service, as it arrived: the subject it was sent to, its headers and its body.
 *
 * <pre>{@code
 * Reply reply = dispatcher.dispatch(Request.of("kmm.services.susie.deposit-funds",
 *                                              "{\"Amount\":\"20\"}".getBytes(UTF_8)));
 * }</pre>
 *
 * <p>It is what the {@link ServiceRunner} builds from a NATS message and what tests and other
 * transports hand to {@link Dispatcher#dispatch(Request)} directly. Header names are matched
 * without regard to case (as NATS tooling spells them variously); a header with several values
 * keeps its first one.
 *
 * @param subject the subject the request was sent to, e.g. {@code kmm.services.susie.balance}
 * @param headers the request headers; never {@code null}
 * @param body    the request body; never {@code null}, empty when none was sent
 */
public record Request(String subject, Map<String, String> headers, byte[] body) {

    public Request {
        Objects.requireNonNull(subject, "subject");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    copy.putIfAbsent(name, value);
                }
            });
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** A request without headers. */
    public static Request of(String subject, byte[] body) {
        return new Request(subject, Map.of(), body);
    }

    /** This request with one more header (replacing a header of the same name). */
    public Request withHeader(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.put(name, value);
        return new Request(subject, copy, body);
    }

    /** A header's value, or {@code null} when the request does not carry it. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The subject's tokens, in order: {@code kmm.services.susie.balance} gives four. */
    public List<String> tokens() {
        return List.of(subject.split("\\.", -1));
    }

    /**
     * The subject token at {@code index} (0-based), checked to be one safe token.
     *
     * @throws BadRequestException when there is no such token, or it is empty or holds
     *                             {@code .}, {@code *}, {@code >} or whitespace
     */
    public String token(int index) {
        String token = tokenAt(index);
        if (token == null) {
            throw new BadRequestException(BadRequestException.Part.SUBJECT, "request subject '" + Shown.shortened(subject)
                    + "' has no token " + index);
        }
        if (!Subjects.isToken(token)) {
            throw new BadRequestException(BadRequestException.Part.SUBJECT, "request subject token " + index
                    + " must be one subject token (not empty, no '.', '*', '>' or whitespace), was '"
                    + Shown.shortened(token) + "'");
        }
        return token;
    }

    /**
     * The token at {@code index} as {@link #tokens()} has it, or {@code null} when there is none;
     * found without splitting the whole subject, as routes ask for a token on every request.
     */
    private String tokenAt(int index) {
        if (index < 0) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < index; i++) {
            int dot = subject.indexOf('.', start);
            if (dot < 0) {
                return null;
            }
            start = dot + 1;
        }
        int end = subject.indexOf('.', start);
        return subject.substring(start, end < 0 ? subject.length() : end);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Request that && subject.equals(that.subject) && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Request[subject=" + subject + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}

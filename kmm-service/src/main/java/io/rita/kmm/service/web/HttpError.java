package io.rita.kmm.service.web;

import java.util.Optional;

/**
 * A request the page refuses, with the HTTP status and the message shown to the user; for
 * {@code 405} also the methods that are allowed.
 */
final class HttpError extends RuntimeException {

    private final int status;
    private final String allow;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    private HttpError(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    /** A 405 that names the methods the resource takes. */
    static HttpError methodNotAllowed(String method, String path, String allow) {
        return new HttpError(405, "method " + PagePath.shorten(method) + " is not allowed on " + PagePath.shorten(path)
                + "; use " + allow.replace(", ", " or "), allow);
    }

    int status() {
        return status;
    }

    /** The {@code Allow} header of a 405. */
    Optional<String> allow() {
        return Optional.ofNullable(allow);
    }
}

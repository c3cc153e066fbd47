package io.rita.decider;

/**
 * A domain's refusal of a command, with a message meant for the caller
 * (for example {@code "kmm: insufficient funds"}).
 *
 * <p>Thrown from {@link Decider#decide}; the dispatcher appends nothing and replies with
 * the message and error code 400. It is an expected outcome, so it carries no stack trace.
 */
public class Rejection extends RuntimeException {

    /** Creates a rejection whose message is shown to the caller as is. */
    public Rejection(String message) {
        super(message, null, false, false);
    }
}

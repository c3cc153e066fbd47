package io.rita.kmm.service.client;

/**
 * The KMM service refused a request, e.g. {@code kmm: insufficient funds}: the message is the
 * service's error text, as it sent it.
 */
public class ServiceErrorException extends RuntimeException {

    private final String subject;
    private final int code;

    /** A refusal of the request sent to {@code subject}, with the service's error code and text. */
    public ServiceErrorException(String subject, int code, String text) {
        this(subject, code, text, null);
    }

    /** A refusal as above, with what reported it (kept for logs; the CLI prints the text only). */
    public ServiceErrorException(String subject, int code, String text, Throwable cause) {
        super(text, cause, false, false);
        this.subject = subject;
        this.code = code;
    }

    /** The request subject, e.g. {@code kmm.services.susie.withdraw-funds}. */
    public String subject() {
        return subject;
    }

    /** The {@code Nats-Service-Error-Code}: 400 for a rejected request, 500 for a failure of the service. */
    public int code() {
        return code;
    }
}

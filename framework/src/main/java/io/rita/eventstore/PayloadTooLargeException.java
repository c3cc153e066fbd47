package io.rita.eventstore;

/** An append's encoded message is larger than the server accepts; nothing was stored. */
public class PayloadTooLargeException extends EventStoreException {

    private final long size;
    private final long max;

    public PayloadTooLargeException(String subject, long size, long max) {
        super(subject, "events for " + subject + " encode to " + size + " bytes, over the server's max payload of "
                + max + " bytes; nothing was stored");
        this.size = size;
        this.max = max;
    }

    /** The size of the message that was refused, in bytes (headers and data). */
    public long size() {
        return size;
    }

    /** The server's limit in bytes. */
    public long max() {
        return max;
    }
}

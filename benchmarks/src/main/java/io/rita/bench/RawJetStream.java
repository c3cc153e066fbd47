package io.rita.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline: what a careful programmer writes with jnats alone to do the work of Rita's event
 * store, with the same headers on the wire ({@code Nats-Msg-Id}, {@code Nats-Expected-Stream},
 * {@code Nats-Expected-Last-Subject-Sequence}, {@code rita-type}, {@code rita-time},
 * {@code rita-codec}) and the same steps on load (a direct get of the subject's last message
 * for the cut-off, then an ordered push consumer up to that sequence).
 *
 * <pre>{@code
 * RawJetStream raw = new RawJetStream(connection, "bench", Payload.BINARY);
 * long seq = raw.append("bench.raw.1", 0);
 * List<RawEvent> events = raw.load("bench.raw.1");
 * }</pre>
 *
 * <p>Errors surface as jnats reports them, wrapped in unchecked exceptions: a benchmark stops on
 * the first one.
 */
public final class RawJetStream {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Connection connection;
    private final JetStream jetStream;
    private final String stream;
    private final String directGetSubject;
    private final Payload payload;
    private final Clock clock = Clock.systemDefaultZone();

    /** A raw writer and reader on {@code stream}, a stream that already exists. */
    public RawJetStream(Connection connection, String stream, Payload payload) {
        this.connection = connection;
        this.stream = stream;
        this.directGetSubject = "$JS.API.DIRECT.GET." + stream;
        this.payload = payload;
        try {
            this.jetStream = connection.jetStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes one event, expecting the subject's last sequence to be {@code expected}; returns its sequence. */
    public long append(String subject, long expected) {
        try {
            return jetStream.publish(message(subject, expected)).getSeqno();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("append to " + subject + " refused: " + e.getMessage(), e);
        }
    }

    /** Starts publishing one event with an expectation; the future completes with its sequence. */
    public CompletableFuture<Long> appendAsync(String subject, long expected) {
        return jetStream.publishAsync(message(subject, expected)).thenApply(ack -> ack.getSeqno());
    }

    private Message message(String subject, long expected) {
        Headers headers = new Headers();
        headers.put("Nats-Msg-Id", NUID.nextGlobal());
        headers.put("rita-type", Payload.TYPE);
        headers.put("rita-time", RFC_3339.format(OffsetDateTime.now(clock)));
        headers.put("rita-codec", payload.codec());
        headers.put("Nats-Expected-Stream", stream);
        headers.put("Nats-Expected-Last-Subject-Sequence", Long.toString(expected));
        return NatsMessage.builder().subject(subject).headers(headers).data(payload.encode()).build();
    }

    /** Every event of {@code subject}, in order: direct get for the cut-off, then an ordered consumer. */
    public List<RawEvent> load(String subject) {
        try {
            long last = lastSequence(subject);
            List<RawEvent> events = new ArrayList<>();
            if (last == 0) {
                return events;
            }
            PushSubscribeOptions options = PushSubscribeOptions.builder().stream(stream).ordered(true).build();
            JetStreamSubscription subscription = jetStream.subscribe(subject, options);
            try {
                long position = 0;
                while (position < last) {
                    Message message = subscription.nextMessage(TIMEOUT);
                    if (message == null) {
                        throw new IllegalStateException("no message within " + TIMEOUT + " reading " + subject);
                    }
                    position = message.metaData().streamSequence();
                    Headers headers = message.getHeaders();
                    events.add(new RawEvent(headers.getFirst("Nats-Msg-Id"),
                            OffsetDateTime.parse(headers.getFirst("rita-time"), RFC_3339),
                            headers.getFirst("rita-type"), payload.decode(message.getData()),
                            message.getSubject(), position));
                }
            } finally {
                subscription.unsubscribe();
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("load of " + subject + " refused: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted loading " + subject, e);
        }
    }

    private long lastSequence(String subject) throws InterruptedException {
        byte[] request = ("{\"last_by_subj\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8);
        Message reply = connection.request(directGetSubject, request, TIMEOUT);
        if (reply == null) {
            throw new IllegalStateException("no reply to " + directGetSubject + " within " + TIMEOUT);
        }
        if (reply.isStatusMessage()) {
            if (reply.getStatus().getCode() == 404) {
                return 0;
            }
            throw new IllegalStateException("direct get failed: " + reply.getStatus());
        }
        return Long.parseLong(reply.getHeaders().getFirst("Nats-Sequence"));
    }
}

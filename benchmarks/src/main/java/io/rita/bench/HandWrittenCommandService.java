package io.rita.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The baseline a careful user writes by hand with jnats alone, to do what Rita's command service
 * does: request/reply, one event per command, appended with an expectation so that no two writers
 * of one aggregate can interleave. A request on {@code <prefix>.<aggregate>.<operation>} (token 2
 * names the aggregate) is decoded into the event's data by a {@link Decision}, then, holding
 * that aggregate's lock, the event is appended to {@code <eventPrefix>.<aggregate>} with a
 * synchronous {@code JetStream.publish} that expects the subject's last sequence, which the
 * service keeps in a map; the reply carries the new sequence.
 *
 * <pre>{@code
 * try (HandWrittenCommandService service = HandWrittenCommandService.start(connection, "bench",
 *         "hand.bench.*.add", "bench.handevents", Counter.ADDED,
 *         body -> json.writeValueAsBytes(new Counter.Added(json.readValue(body, Counter.Add.class).amount())))) {
 *     client.request("hand.bench.a1.add", "{\"amount\":1}".getBytes(UTF_8), timeout);
 * }
 * }</pre>
 *
 * <p>What makes it careful, and a fair comparison:
 * <ul>
 *   <li>Each request runs on a virtual thread of its own, so aggregates go on in parallel, and
 *       one lock per aggregate serialises the requests of this process on one aggregate: two of
 *       them never race each other for the same expected sequence.</li>
 *   <li>The event has the headers Rita's append writes: {@code Nats-Msg-Id} (command id
 *       {@code -0}), {@code rita-type}, {@code rita-time}, {@code rita-codec}, the causation and
 *       correlation ids as {@code rita-meta-*}, {@code Nats-Expected-Stream} and
 *       {@code Nats-Expected-Last-Subject-Sequence} (checked in {@code WireHeadersTest}).</li>
 *   <li>When another writer moved the aggregate (JetStream error 10071, wrong last sequence), it
 *       reads the subject's last sequence with a direct get and appends again, a few times. The
 *       decision reads no state, so appending the same event again is right.</li>
 * </ul>
 * What it leaves out is what Rita adds on top: no state, no decider, no cache, no command-id
 * idempotency beyond JetStream's duplicate window, no fair order among waiters, no group commit.
 *
 * @throws UncheckedIOException from {@link #start} when JetStream is not available
 */
public final class HandWrittenCommandService implements AutoCloseable {

    /** What a request body becomes: the data of the one event the command appends. */
    @FunctionalInterface
    public interface Decision {
        /**
         * The event's data for this body.
         *
         * @throws IllegalArgumentException when the body is not a valid command (the reply is a 400)
         * @throws IOException              when the body cannot be read (the reply is a 400)
         */
        byte[] eventData(byte[] body) throws IOException;
    }

    /** JetStream's error code for a failed {@code Nats-Expected-Last-Subject-Sequence}. */
    static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final byte[] EMPTY = new byte[0];

    /** One aggregate: its lock, and the last sequence this process knows of it (guarded by the lock). */
    private static final class Aggregate {
        final ReentrantLock lock = new ReentrantLock();
        long last;
    }

    private final Connection connection;
    private final JetStream jetStream;
    private final String stream;
    private final String eventPrefix;
    private final String eventType;
    private final Decision decision;
    private final Clock clock = Clock.systemDefaultZone();
    private final ConcurrentHashMap<String, Aggregate> aggregates = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong conflicts = new AtomicLong();
    private final Dispatcher dispatcher;

    private HandWrittenCommandService(Connection connection, String stream, String eventPrefix, String eventType,
                                      Decision decision) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.stream = stream;
        this.eventPrefix = eventPrefix;
        this.eventType = eventType;
        this.decision = decision;
        // the dispatcher thread only hands over: a blocking append there would serialise every aggregate
        this.dispatcher = connection.createDispatcher(request -> workers.execute(() -> serve(request)));
    }

    /**
     * Subscribes to {@code requestPattern} (queue group {@code q}) and serves until closed.
     *
     * @param stream         the stream the events go to (its name is expected on every append)
     * @param requestPattern the request subjects, e.g. {@code hand.bench.*.add}; token 2 names the aggregate
     * @param eventPrefix    the events of aggregate {@code a} go to {@code <eventPrefix>.a}
     * @param eventType      the {@code rita-type} of the events; their codec is JSON
     * @param decision       turns a request body into the event's data
     */
    public static HandWrittenCommandService start(Connection connection, String stream, String requestPattern,
                                                  String eventPrefix, String eventType, Decision decision) {
        try {
            HandWrittenCommandService service = new HandWrittenCommandService(connection, stream, eventPrefix,
                    eventType, decision);
            service.dispatcher.subscribe(requestPattern, "q");
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(Message request) {
        byte[] data;
        String subject;
        try {
            subject = eventPrefix + "." + token(request.getSubject(), 2);
            data = decision.eventData(request.getData());
        } catch (IOException | IllegalArgumentException e) {
            reply(request, "400", "bad request: " + e.getMessage());
            return;
        }
        String commandId = NUID.nextGlobal();
        Aggregate aggregate = aggregates.computeIfAbsent(subject, s -> new Aggregate());
        long sequence;
        aggregate.lock.lock();
        try {
            sequence = append(subject, aggregate, commandId, data);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            reply(request, "500", "append to " + subject + " failed: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(request, "500", "interrupted");
            return;
        } finally {
            aggregate.lock.unlock();
        }
        Headers headers = new Headers().put("Rita-Sequence", Long.toString(sequence));
        connection.publish(NatsMessage.builder().subject(request.getReplyTo()).headers(headers).data(EMPTY).build());
    }

    /** Appends with the expectation; after a conflict, learns the last sequence and appends again. */
    private long append(String subject, Aggregate aggregate, String commandId, byte[] data)
            throws IOException, JetStreamApiException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                long sequence = jetStream.publish(event(subject, commandId, data, aggregate.last)).getSeqno();
                aggregate.last = sequence;
                return sequence;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                conflicts.incrementAndGet();
                aggregate.last = lastSequence(subject);
            }
        }
    }

    private Message event(String subject, String commandId, byte[] data, long expected) {
        Headers headers = new Headers();
        headers.put("Nats-Msg-Id", commandId + "-0");
        headers.put("rita-type", eventType);
        headers.put("rita-time", RFC_3339.format(OffsetDateTime.now(clock)));
        headers.put("rita-codec", "json");
        headers.put("rita-meta-causation-id", commandId);
        headers.put("rita-meta-correlation-id", commandId);
        headers.put("Nats-Expected-Stream", stream);
        headers.put("Nats-Expected-Last-Subject-Sequence", Long.toString(expected));
        return NatsMessage.builder().subject(subject).headers(headers).data(data).build();
    }

    /** The subject's last sequence (0 when it has none), by a direct get of its last message. */
    private long lastSequence(String subject) throws InterruptedException {
        byte[] body = ("{\"last_by_subj\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8);
        Message reply = connection.request("$JS.API.DIRECT.GET." + stream, body, TIMEOUT);
        if (reply == null) {
            throw new IllegalStateException("no reply to a direct get of " + subject + " within " + TIMEOUT);
        }
        if (reply.isStatusMessage()) {
            if (reply.getStatus().getCode() == 404) {
                return 0;
            }
            throw new IllegalStateException("direct get of " + subject + " failed: " + reply.getStatus());
        }
        return Long.parseLong(reply.getHeaders().getFirst("Nats-Sequence"));
    }

    /** How many appends failed their expectation so far: 0 while this process is the only writer. */
    public long conflicts() {
        return conflicts.get();
    }

    private void reply(Message request, String code, String text) {
        Headers headers = new Headers().put("Nats-Service-Error", text).put("Nats-Service-Error-Code", code);
        connection.publish(NatsMessage.builder().subject(request.getReplyTo()).headers(headers)
                .data(text.getBytes(StandardCharsets.UTF_8)).build());
    }

    private static String token(String subject, int index) {
        String[] tokens = subject.split("\\.");
        if (tokens.length <= index) {
            throw new IllegalArgumentException("request subject " + subject + " has no token " + index);
        }
        return tokens[index];
    }

    /** Stops serving; requests in flight get their replies (within a few seconds). */
    @Override
    public void close() {
        connection.closeDispatcher(dispatcher);
        workers.shutdown();
        try {
            workers.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

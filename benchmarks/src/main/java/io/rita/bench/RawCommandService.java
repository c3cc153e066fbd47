package io.rita.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.types.Codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The floor that Rita's command service is compared with: raw jnats request/reply plus a raw
 * append of the same event. A request on {@code raw.bench.<aggregate>.add} is decoded, the
 * {@link Counter.Added} event is published to {@code bench.rawevents.<aggregate>} with the headers
 * Rita writes (id, type, time, codec, causation and correlation ids, expected stream), and the
 * reply carries the stream sequence once JetStream acknowledges.
 *
 * <pre>{@code
 * try (RawCommandService floor = RawCommandService.start(connection)) {
 *     client.request("raw.bench.a1.add", "{\"amount\":1}".getBytes(UTF_8), timeout);
 * }
 * }</pre>
 *
 * <p>What it leaves out is what the floor is for: no load, no decision, no expected sequence (so
 * no per-aggregate ordering), no retries. It never blocks: the append is asynchronous and the
 * reply is sent from the acknowledgement, so one jnats dispatcher thread serves any number of
 * clients.
 */
public final class RawCommandService implements AutoCloseable {

    /** The request subjects it serves. */
    public static final String PATTERN = "raw.bench.*.add";

    private static final ObjectMapper JSON = Codec.jsonMapper();
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final byte[] EMPTY = new byte[0];

    private final Connection connection;
    private final JetStream jetStream;
    private final Dispatcher dispatcher;
    private final Clock clock = Clock.systemDefaultZone();

    private RawCommandService(Connection connection) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.dispatcher = connection.createDispatcher(this::handle);
    }

    /**
     * Subscribes on the connection (queue group {@code q}) and serves until closed.
     *
     * @throws UncheckedIOException when JetStream is not available
     */
    public static RawCommandService start(Connection connection) {
        try {
            RawCommandService service = new RawCommandService(connection);
            service.dispatcher.subscribe(PATTERN, "q");
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(Message request) {
        String subject = request.getSubject();
        String aggregate = subject.substring("raw.bench.".length(), subject.length() - ".add".length());
        Counter.Add command;
        byte[] data;
        try {
            command = JSON.readValue(request.getData(), Counter.Add.class);
            data = JSON.writeValueAsBytes(new Counter.Added(command.amount()));
        } catch (IOException e) {
            reply(request, "400", e.getMessage());
            return;
        }
        String commandId = NUID.nextGlobal();
        Headers headers = new Headers();
        headers.put("Nats-Msg-Id", commandId + "-0");
        headers.put("rita-type", Counter.ADDED);
        headers.put("rita-time", RFC_3339.format(OffsetDateTime.now(clock)));
        headers.put("rita-codec", "json");
        headers.put("rita-meta-causation-id", commandId);
        headers.put("rita-meta-correlation-id", commandId);
        headers.put("Nats-Expected-Stream", Testbed.STORE);
        Message event = NatsMessage.builder().subject("bench.rawevents." + aggregate).headers(headers).data(data).build();
        jetStream.publishAsync(event).whenComplete((ack, error) -> {
            if (error != null) {
                reply(request, "500", String.valueOf(error.getMessage()));
            } else {
                Headers replyHeaders = new Headers().put("Rita-Sequence", Long.toString(ack.getSeqno()));
                connection.publish(NatsMessage.builder().subject(request.getReplyTo()).headers(replyHeaders)
                        .data(EMPTY).build());
            }
        });
    }

    private void reply(Message request, String code, String text) {
        Headers headers = new Headers().put("Nats-Service-Error", text).put("Nats-Service-Error-Code", code);
        connection.publish(NatsMessage.builder().subject(request.getReplyTo()).headers(headers)
                .data(text.getBytes(StandardCharsets.UTF_8)).build());
    }

    /** Stops serving. */
    @Override
    public void close() {
        connection.closeDispatcher(dispatcher);
    }
}

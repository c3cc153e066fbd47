package io.rita.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ReplayPolicy;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Subjects;

import java.io.IOException;
import java.util.Map;

/**
 * Serves {@link StreamRoute}s with JetStream: one ephemeral push consumer per request, filtered
 * to the route's subject, delivering every stored message and then new ones to
 * {@code <prefix>.<id>}.
 *
 * <p>No acks, no flow control and no heartbeats: the receiver is a plain subscriber that cannot
 * answer them. The consumer's inactive threshold makes the server delete it once nobody has
 * listened on the delivery subject for that long, which is how a client "goes away".
 */
final class LiveStreams {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final JetStreamManagement management;
    private final String stream;

    LiveStreams(JetStreamManagement management, String stream) {
        this.management = management;
        this.stream = stream;
    }

    /**
     * Starts delivery for one request (its size and tokens already checked) and replies
     * {@code {"subject":"<prefix>.<id>"}}.
     *
     * @throws BadRequestException  when the body is not {@code {"id":"<token>"}}
     * @throws EventStoreException  when JetStream refuses the consumer
     */
    Reply start(StreamRoute route, Request request) {
        String id = idOf(request.body());
        String subject;
        try {
            subject = route.subject().apply(request);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (!Subjects.isFilter(subject)) {
            throw new BadRequestException("request leads to an invalid subject '" + subject + "'");
        }
        String deliverTo = route.deliverPrefix() + "." + id;
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .deliverSubject(deliverTo)
                .filterSubject(subject)
                .deliverPolicy(DeliverPolicy.All)
                .ackPolicy(AckPolicy.None)
                .replayPolicy(ReplayPolicy.Instant)
                .inactiveThreshold(route.inactiveAfter())
                .build();
        try {
            management.addOrUpdateConsumer(stream, consumer);
        } catch (IOException | JetStreamApiException e) {
            throw new EventStoreException(subject, "cannot start a live stream of " + subject + " to " + deliverTo
                    + ": " + e.getMessage(), e);
        }
        try {
            return new Reply.Success(PLAIN.writeValueAsBytes(Map.of("subject", deliverTo)), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the stream reply", e);
        }
    }

    private static String idOf(byte[] body) {
        String usage = "a stream request body must be {\"id\":\"<one subject token>\"}";
        JsonNode id;
        try {
            JsonNode root = PLAIN.readTree(body);
            id = root == null ? null : root.get("id");
        } catch (IOException e) {
            throw new BadRequestException(usage + ", was not JSON");
        }
        if (id == null || !id.isTextual()) {
            throw new BadRequestException(usage);
        }
        if (!Subjects.isToken(id.asText()) || id.asText().length() > ServiceHeaders.MAX_ID_LENGTH) {
            throw new BadRequestException(usage + ", the id was '" + Ids.shorten(id.asText()) + "'");
        }
        return id.asText();
    }
}

package io.rita.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ReplayPolicy;
import io.rita.aggregate.CommandOptions;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.StoreUnavailableException;
import io.rita.eventstore.Subjects;
import io.rita.internal.ApiErrors;
import io.rita.internal.NoJetStream;
import io.rita.internal.Shown;
import io.rita.internal.StoreSetupException;
import io.rita.internal.StreamHeartbeats;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves {@link StreamRoute}s with JetStream: one ephemeral push consumer per request, filtered
 * to the route's subject, delivering every stored message and then new ones to
 * {@code <prefix>.<id>}.
 *
 * <p>No acks and no flow control: the receiver is a plain subscriber that cannot answer them.
 * Idle heartbeats only when the request asks for them ({@code "heartbeat"}, in milliseconds),
 * and the reply confirms them: a reader that knows them can tell a stream whose consumer is gone
 * (its store deleted) from a quiet one, and a plain subscriber does not get status messages it
 * does not expect. The consumer's inactive threshold makes the server delete it once nobody has
 * listened on the delivery subject for that long, which is how a client "goes away".
 *
 * <p>Each stream costs the server a consumer, so the streams of a route are counted: the names
 * of the consumers this runner made, pruned to those the server still has whenever the count
 * reaches {@link StreamRoute#maxStreams()} (the server deletes them on its own, and asking it
 * only at the limit keeps the common path to one API call).
 */
final class LiveStreams {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final Connection connection;

    private final JetStreamManagement management;
    private final String stream;
    /** The consumers this runner started, per route; guarded by {@link #starting}. */
    private final Map<StreamRoute, Set<String>> started = new HashMap<>();
    /** Starts reserved but not yet created, per route; guarded by {@link #starting}. */
    private final Map<StreamRoute, Integer> pending = new HashMap<>();
    /** Guards the counts, so that they cannot overshoot a limit (a lock, not synchronized: no pinning). */
    private final ReentrantLock starting = new ReentrantLock();

    LiveStreams(Connection connection, JetStreamManagement management, String stream) {
        this.connection = connection;
        this.management = management;
        this.stream = stream;
    }

    /**
     * Starts delivery for one request (its size and tokens already checked) and replies
     * {@code {"subject":"<prefix>.<id>"}}, with {@code "heartbeat"} as asked.
     *
     * @throws BadRequestException  when the body is not {@code {"id":"<token>"}} with an optional
     *                              {@code "heartbeat"} (see {@link StreamRoute})
     * @throws EventStoreException  when JetStream refuses the consumer
     */
    Reply start(StreamRoute route, Request request) {
        Asked asked = Asked.of(request.body());
        String id = asked.id();
        String subject = RouteSubjects.resolve(route.subject(), request, false, BadRequestException.Part.SUBJECT);
        // Count and reserve under the lock, but create the consumer outside it: a slow JetStream
        // call must not hold up every other stream start of this runner.
        starting.lock();
        try {
            Set<String> consumers = started.computeIfAbsent(route, r -> new HashSet<>());
            if (consumers.size() + pending.getOrDefault(route, 0) >= route.maxStreams()) {
                consumers.retainAll(consumerNames(subject));
            }
            if (consumers.size() + pending.getOrDefault(route, 0) >= route.maxStreams()) {
                return new Reply.Failure(Reply.Failure.UNAVAILABLE, "too many live streams of '" + route.name()
                        + "' (" + route.maxStreams() + "); try again once an earlier client has gone");
            }
            pending.merge(route, 1, Integer::sum);
        } finally {
            starting.unlock();
        }
        String deliverTo = route.deliverPrefix() + "." + id;
        String consumer = null;
        try {
            consumer = startConsumer(route, subject, deliverTo, asked.heartbeatMillis()).getName();
        } finally {
            starting.lock();
            try {
                pending.merge(route, -1, Integer::sum);
                if (consumer != null) {
                    started.get(route).add(consumer);
                }
            } finally {
                starting.unlock();
            }
        }
        try {
            ObjectNode reply = PLAIN.createObjectNode().put("subject", deliverTo);
            if (asked.heartbeatMillis() != null) {
                reply.put("heartbeat", asked.heartbeatMillis());
            }
            return new Reply.Success(PLAIN.writeValueAsBytes(reply), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the stream reply", e);
        }
    }

    private ConsumerInfo startConsumer(StreamRoute route, String subject, String deliverTo, Long heartbeatMillis) {
        ConsumerConfiguration.Builder builder = ConsumerConfiguration.builder()
                .deliverSubject(deliverTo)
                .filterSubject(subject)
                .deliverPolicy(DeliverPolicy.All)
                .ackPolicy(AckPolicy.None)
                .replayPolicy(ReplayPolicy.Instant)
                .inactiveThreshold(route.inactiveAfter());
        if (heartbeatMillis != null) {
            builder.idleHeartbeat(Duration.ofMillis(heartbeatMillis));
        }
        ConsumerConfiguration consumer = builder.build();
        try {
            return management.addOrUpdateConsumer(stream, consumer);
        } catch (IOException | JetStreamApiException e) {
            throw failure(subject, "start a live stream of " + subject + " to " + deliverTo, e);
        }
    }

    private Set<String> consumerNames(String subject) {
        try {
            return new HashSet<>(management.getConsumerNames(stream));
        } catch (IOException | JetStreamApiException e) {
            throw failure(subject, "count the live streams of " + stream, e);
        }
    }

    /**
     * What a refused consumer request means for the client: a store that is not set up for live
     * streams (no JetStream, no such store, a subject outside it: asking again will not help),
     * one that does not answer for now (no reply in time, JetStream's own 503 during an election:
     * try again), or another refusal.
     */
    private EventStoreException failure(String subject, String action, Exception e) {
        if (e instanceof JetStreamApiException api) {
            return switch (api.getApiErrorCode()) {
                case ApiErrors.STREAM_NOT_FOUND -> StoreSetupException.missing(stream, subject, action, e);
                case ApiErrors.ACCOUNT_WITHOUT_JETSTREAM ->
                        StoreSetupException.accountWithoutJetStream(stream, subject, action, e);
                case ApiErrors.FILTER_NOT_IN_STREAM -> new StoreSetupException(subject, "cannot " + action
                        + ": store '" + stream + "' does not take " + subject + ". Point the stream route at subjects"
                        + " of the store", e);
                default -> api.getErrorCode() == 503
                        ? new StoreUnavailableException(subject, "cannot " + action + ": " + e.getMessage(), e)
                        : new EventStoreException(subject, "cannot " + action + ": " + e.getMessage(), e);
            };
        }
        if (NoJetStream.on(connection)) {
            return StoreSetupException.withoutJetStream(connection, stream, subject, action, e);
        }
        return new StoreUnavailableException(subject, "cannot " + action + ": " + e.getMessage(), e);
    }

    /** What a stream request asks for: the delivery subject's last token, and heartbeats or none. */
    private record Asked(String id, Long heartbeatMillis) {

        static Asked of(byte[] body) {
            String usage = "a stream request body must be {\"id\":\"<one subject token>\"}, optionally with "
                    + "\"heartbeat\":<" + StreamHeartbeats.MIN.toMillis() + " to "
                    + StreamHeartbeats.MAX.toMillis() + " milliseconds, or 0 for none>";
            JsonNode root;
            try {
                root = PLAIN.readTree(body);
            } catch (IOException e) {
                throw new BadRequestException(usage + ", was not JSON");
            }
            JsonNode id = root == null ? null : root.get("id");
            if (id == null || !id.isTextual()) {
                throw new BadRequestException(usage);
            }
            if (!Subjects.isToken(id.asText()) || id.asText().length() > CommandOptions.MAX_ID_LENGTH) {
                throw new BadRequestException(usage + ", the id was '" + Shown.shortened(id.asText()) + "'");
            }
            JsonNode heartbeat = root.get("heartbeat");
            // 0 is none too: what a client without "omitempty" sends for a heartbeat it does not want
            if (heartbeat == null || heartbeat.isNull() || (heartbeat.isIntegralNumber() && heartbeat.asLong() == 0)) {
                return new Asked(id.asText(), null);
            }
            if (!heartbeat.isIntegralNumber() || !heartbeat.canConvertToLong()
                    || heartbeat.asLong() < StreamHeartbeats.MIN.toMillis()
                    || heartbeat.asLong() > StreamHeartbeats.MAX.toMillis()) {
                throw new BadRequestException(usage + ", the heartbeat was " + Shown.shortened(heartbeat.toString()));
            }
            return new Asked(id.asText(), heartbeat.asLong());
        }
    }
}

package io.rita.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import io.rita.client.ServiceCallException.Kind;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The stream route's protocol, from the client's side: subscribe to the delivery subject first
 * (so that nothing the consumer sends is missed), flush, ask with
 * {@code {"id":"<id>","heartbeat":<ms>}}, and check that the answer names that subject. Every
 * failure lets go of the subscription.
 */
final class StreamStart {

    private StreamStart() {
    }

    /** Subscribes to {@code delivery}, then asks {@code subject} to deliver there. */
    static LiveStream start(ServiceClient client, String subject, String delivery) {
        Connection connection = client.connection();
        Duration timeout = client.options().timeout();
        PermissionWatch.Watch watch = PermissionWatch.watch(connection, delivery);
        long reconnects = connection.getStatistics().getReconnects();
        Subscription subscription;
        try {
            subscription = connection.subscribe(delivery);
        } catch (IllegalStateException e) {
            watch.close();
            throw Faults.of(new Exchange.Lost(e, false), subject, null, false, 1, timeout);
        }
        LiveStream stream = LiveStream.subscribed(client, delivery, subscription, watch, reconnects);
        try {
            subscription.setPendingLimits(client.options().streamBuffer(), subscription.getPendingByteLimit());
            // the server learns of the subscription before the consumer can deliver anything to it
            connection.flush(timeout);
            String id = delivery.substring(delivery.lastIndexOf('.') + 1);
            long heartbeat = client.options().streamHeartbeat().toMillis();
            ObjectNode request = ServiceClient.plain().createObjectNode().put("id", id);
            if (heartbeat > 0) {
                request.put("heartbeat", heartbeat);
            }
            byte[] body = ServiceClient.plain().writeValueAsBytes(request);
            Exchange.Attempt attempt = Exchange.send(connection, subject, null, body, timeout, watch);
            if (!(attempt instanceof Exchange.Answered answered)) {
                throw Faults.of(attempt, subject, null, false, 1, timeout);
            }
            JsonNode reply = ServiceClient.plain().readTree(Replies.success(subject, answered.reply()));
            String confirmed = reply == null ? null : reply.path("subject").asText(null);
            if (!delivery.equals(confirmed)) {
                throw new ServiceCallException(Kind.FAILED, subject, null, 0, null, false, subject
                        + " answered that it delivers to '" + confirmed + "', not to '" + delivery + "' as asked: is it"
                        + " a Rita stream route?", null);
            }
            // a service that did not confirm heartbeats (an older one, or asked for none) sends none
            stream.started(heartbeat > 0 && reply.path("heartbeat").asLong() == heartbeat ? heartbeat : 0);
            return stream;
        } catch (TimeoutException e) {
            stream.close();
            throw new ServiceCallException(Kind.TIMEOUT, subject, null, 0, null, false, "NATS did not confirm the "
                    + "subscription to " + delivery + " within " + Faults.seconds(timeout), e);
        } catch (InterruptedException e) {
            stream.close();
            Thread.currentThread().interrupt();
            throw Faults.of(new Exchange.Interrupted(), subject, null, false, 1, timeout);
        } catch (IOException e) {
            stream.close();
            throw new ServiceCallException(Kind.UNREADABLE, subject, null, 0, null, false, "the answer of " + subject
                    + " is not {\"subject\":...}: " + e.getMessage() + "; is it a Rita stream route?", e);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }
}

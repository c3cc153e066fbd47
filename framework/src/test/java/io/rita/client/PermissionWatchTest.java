package io.rita.client;

import io.nats.client.ErrorListener;
import io.nats.client.support.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener {@link ServiceClient#errorListener} makes wraps the application's own: every
 * callback jnats makes must still reach it, with its arguments (a listener that swallowed slow
 * consumers or heartbeat alarms would hide them from the application's logs and metrics).
 */
class PermissionWatchTest {

    /** Records each callback as its name and arguments. */
    private static final class Recording implements ErrorListener {
        final List<List<Object>> calls = new ArrayList<>();

        @Override
        public void errorOccurred(io.nats.client.Connection conn, String error) {
            calls.add(List.of("errorOccurred", error));
        }

        @Override
        public void exceptionOccurred(io.nats.client.Connection conn, Exception exp) {
            calls.add(List.of("exceptionOccurred", exp));
        }

        @Override
        public void slowConsumerDetected(io.nats.client.Connection conn, io.nats.client.Consumer consumer) {
            calls.add(List.of("slowConsumerDetected"));
        }

        @Override
        public void messageDiscarded(io.nats.client.Connection conn, io.nats.client.Message msg) {
            calls.add(List.of("messageDiscarded"));
        }

        @Override
        public void heartbeatAlarm(io.nats.client.Connection conn, io.nats.client.JetStreamSubscription sub,
                                   long lastStreamSequence, long lastConsumerSequence) {
            calls.add(List.of("heartbeatAlarm", lastStreamSequence, lastConsumerSequence));
        }

        @Override
        public void unhandledStatus(io.nats.client.Connection conn, io.nats.client.JetStreamSubscription sub,
                                    Status status) {
            calls.add(List.of("unhandledStatus", status));
        }

        @Override
        public void pullStatusWarning(io.nats.client.Connection conn, io.nats.client.JetStreamSubscription sub,
                                      Status status) {
            calls.add(List.of("pullStatusWarning", status));
        }

        @Override
        public void pullStatusError(io.nats.client.Connection conn, io.nats.client.JetStreamSubscription sub,
                                    Status status) {
            calls.add(List.of("pullStatusError", status));
        }

        @Override
        public void flowControlProcessed(io.nats.client.Connection conn, io.nats.client.JetStreamSubscription sub,
                                         String subject, FlowControlSource source) {
            calls.add(List.of("flowControlProcessed", subject, source));
        }

        @Override
        public void socketWriteTimeout(io.nats.client.Connection conn) {
            calls.add(List.of("socketWriteTimeout"));
        }

        @Override
        public String supplyMessage(String label, io.nats.client.Connection conn, io.nats.client.Consumer consumer,
                                    io.nats.client.Subscription sub, Object... pairs) {
            calls.add(List.of("supplyMessage", label, List.of(pairs)));
            return "mine: " + label;
        }
    }

    @Test
    void passes_every_callback_on_to_the_listener_it_wraps() {
        Recording mine = new Recording();
        ErrorListener watching = ServiceClient.errorListener(mine);
        Status heartbeat = new Status(100, "Idle Heartbeat");
        Exception failure = new IllegalStateException("socket closed");

        watching.errorOccurred(null, "Stale Connection");
        watching.exceptionOccurred(null, failure);
        watching.slowConsumerDetected(null, null);
        watching.messageDiscarded(null, null);
        watching.heartbeatAlarm(null, null, 7, 3);
        watching.unhandledStatus(null, null, heartbeat);
        watching.pullStatusWarning(null, null, heartbeat);
        watching.pullStatusError(null, null, heartbeat);
        watching.flowControlProcessed(null, null, "fc.subject", ErrorListener.FlowControlSource.HEARTBEAT);
        watching.socketWriteTimeout(null);
        String supplied = watching.supplyMessage("label", null, null, null, "k", "v");

        assertThat(mine.calls).containsExactly(
                List.of("errorOccurred", "Stale Connection"),
                List.of("exceptionOccurred", failure),
                List.of("slowConsumerDetected"),
                List.of("messageDiscarded"),
                List.of("heartbeatAlarm", 7L, 3L),
                List.of("unhandledStatus", heartbeat),
                List.of("pullStatusWarning", heartbeat),
                List.of("pullStatusError", heartbeat),
                List.of("flowControlProcessed", "fc.subject", ErrorListener.FlowControlSource.HEARTBEAT),
                List.of("socketWriteTimeout"),
                List.of("supplyMessage", "label", List.of("k", "v")));
        assertThat(supplied).isEqualTo("mine: label");
    }
}

package io.rita.client;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.support.Status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a refused publish or subscription fail at once instead of after a timeout. A server
 * that refuses a message for lack of permission drops it and tells the client only
 * asynchronously ({@code -ERR 'Permissions Violation ...'}), which jnats passes to the
 * connection's {@link ErrorListener}: a request to that subject would simply never be answered.
 *
 * <p>This listener (installed through {@link ServiceClient#errorListener}) hands every error on
 * to the listener it wraps, and completes the watches that {@link ServiceClient} registers per
 * connection before each request. The watches live in one registry keyed by connection, so that
 * the listener works wherever it sits in a chain of listeners (KMM wraps it in its own).
 *
 * <p>A refused subscription to the reply inbox is remembered for the connection: jnats
 * subscribes its reply inbox once, so the server says it once, and every later request on that
 * connection would wait in vain.
 */
final class PermissionWatch implements ErrorListener {

    /** Per connection: its watches and the subscriptions the server refused. Weak: a closed connection goes. */
    private static final Map<Connection, Watches> REGISTRY = Collections.synchronizedMap(new WeakHashMap<>());

    private final ErrorListener next;

    PermissionWatch(ErrorListener next) {
        this.next = next;
    }

    /**
     * Starts watching for a violation on any of the subjects of the connection (a subject ending
     * in {@code >} covers everything under it); already complete when such a subscription was
     * refused before.
     */
    static Watch watch(Connection connection, String... subjects) {
        return REGISTRY.computeIfAbsent(connection, c -> new Watches()).watch(List.of(subjects));
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        PermissionViolation.parse(error).ifPresent(violation -> {
            String inbox = conn.getOptions().getInboxPrefix();
            REGISTRY.computeIfAbsent(conn, c -> new Watches()).report(violation, inbox);
        });
        next.errorOccurred(conn, error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        next.exceptionOccurred(conn, exp);
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
        next.slowConsumerDetected(conn, consumer);
    }

    @Override
    public void messageDiscarded(Connection conn, Message msg) {
        next.messageDiscarded(conn, msg);
    }

    @Override
    public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence,
                               long lastConsumerSequence) {
        next.heartbeatAlarm(conn, sub, lastStreamSequence, lastConsumerSequence);
    }

    @Override
    public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
        next.unhandledStatus(conn, sub, status);
    }

    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
        next.pullStatusWarning(conn, sub, status);
    }

    @Override
    public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
        next.pullStatusError(conn, sub, status);
    }

    @Override
    public void flowControlProcessed(Connection conn, JetStreamSubscription sub, String subject,
                                     FlowControlSource source) {
        next.flowControlProcessed(conn, sub, subject, source);
    }

    @Override
    public void socketWriteTimeout(Connection conn) {
        next.socketWriteTimeout(conn);
    }

    @Override
    public String supplyMessage(String label, Connection conn, Consumer consumer, Subscription sub,
                                Object... pairs) {
        return next.supplyMessage(label, conn, consumer, sub, pairs);
    }

    /** One connection's open watches, and the reply inbox subscriptions its server refused. */
    private static final class Watches {

        private final Set<Watch> open = ConcurrentHashMap.newKeySet();
        private final List<PermissionViolation> refusedInboxes = Collections.synchronizedList(new ArrayList<>());

        Watch watch(List<String> subjects) {
            Watch watch = new Watch(subjects, open);
            open.add(watch);
            synchronized (refusedInboxes) {
                for (PermissionViolation refused : refusedInboxes) {
                    watch.offer(refused);
                }
            }
            return watch;
        }

        void report(PermissionViolation violation, String inboxPrefix) {
            // only the inbox is remembered: other refused subscriptions (a live stream's) are one-offs
            if (!violation.publish() && violation.subject().startsWith(inboxPrefix) && refusedInboxes.size() < 16) {
                refusedInboxes.add(violation);
            }
            for (Watch watch : open) {
                watch.offer(violation);
            }
        }
    }

    /** One request's watch: completes with the first violation on its subjects. */
    static final class Watch implements AutoCloseable {

        private final List<String> subjects;
        private final Set<Watch> owner;
        private final CompletableFuture<PermissionViolation> violation = new CompletableFuture<>();

        private Watch(List<String> subjects, Set<Watch> owner) {
            this.subjects = subjects;
            this.owner = owner;
        }

        private void offer(PermissionViolation candidate) {
            if (subjects.stream().anyMatch(candidate::concerns)) {
                violation.complete(candidate);
            }
        }

        /** Completes when the server refuses one of the watched subjects; never fails. */
        CompletableFuture<PermissionViolation> violation() {
            return violation;
        }

        /** Stops watching. */
        @Override
        public void close() {
            owner.remove(this);
        }
    }
}

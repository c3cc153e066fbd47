package io.rita.internal;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.rita.test.nats.NatsServerExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JetStream API requests sent to a test's server, seen by a connection of its own listening
 * on {@code $JS.API.>}: what a read costs, checked on the wire.
 *
 * <pre>{@code
 * try (ApiRequests requests = ApiRequests.listen(nats)) {
 *     store.load(subject);
 *     requests.drain();   // [$JS.API.DIRECT.GET.orders {"last_by_subj":"orders.1"}, ...]
 * }
 * }</pre>
 */
final class ApiRequests implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One request: its subject and its body as text. */
    record Request(String subject, String body) {
    }

    private final Connection listener;
    private final Subscription requests;

    private ApiRequests(Connection listener, Subscription requests) {
        this.listener = listener;
        this.requests = requests;
    }

    /** Starts listening; what is sent from now on is seen. */
    static ApiRequests listen(NatsServerExtension nats) throws Exception {
        Connection listener = nats.connect();
        Subscription requests = listener.subscribe("$JS.API.>");
        listener.flush(TIMEOUT);
        return new ApiRequests(listener, requests);
    }

    /**
     * The requests seen since the last call. A request the server has answered is with the
     * listener once a round trip of the listener's own is done, so the caller's reads are all in.
     */
    List<Request> drain() throws Exception {
        listener.flush(TIMEOUT);
        List<Request> seen = new ArrayList<>();
        for (Message m = requests.nextMessage(Duration.ofMillis(50)); m != null;
             m = requests.nextMessage(Duration.ofMillis(50))) {
            String body = m.getData() == null ? "" : new String(m.getData(), StandardCharsets.UTF_8);
            seen.add(new Request(m.getSubject(), body));
        }
        return seen;
    }

    @Override
    public void close() throws InterruptedException {
        listener.close();
    }
}

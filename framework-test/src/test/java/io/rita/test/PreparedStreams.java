package io.rita.test;

import io.nats.client.Connection;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Rita;
import io.rita.eventstore.StoreConfig;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replicated event-store streams created a few at a time ahead of the tests that want them:
 * creating an R3 stream mostly waits for its leader election (a few hundred milliseconds), and
 * those waits overlap. {@link #next()} hands out the name of a stream created exactly as
 * {@code create()} of a store configured with 3 replicas creates it, so the test's own call finds it
 * there, the same.
 */
final class PreparedStreams implements AutoCloseable {

    private static final int AHEAD = 3;

    private final Connection connection;
    private final String prefix;
    private final ExecutorService creators = Executors.newFixedThreadPool(AHEAD);
    private final Queue<Future<String>> ready = new ArrayDeque<>();
    private final AtomicInteger count = new AtomicInteger();

    PreparedStreams(Connection connection, String prefix) {
        this.connection = connection;
        this.prefix = prefix;
    }

    /** The name of a freshly created, empty R3 store stream. */
    synchronized String next() throws Exception {
        while (ready.size() <= AHEAD) {
            String name = prefix + count.incrementAndGet();
            ready.add(creators.submit(() -> {
                try {
                    Rita.of(connection).eventStore(StoreConfig.of(name).withReplicas(3)).create();
                } catch (EventStoreException timedOut) {
                    // a busy cluster may answer after the request's time-out and still create it;
                    // creating the same stream again succeeds (or fails with the real reason)
                    Rita.of(connection).eventStore(StoreConfig.of(name).withReplicas(3)).create();
                }
                return name;
            }));
        }
        return ready.remove().get(60, TimeUnit.SECONDS);
    }

    /** Stops creating; streams made ahead and not handed out stay with the cluster, which goes away after the class. */
    @Override
    public void close() {
        creators.shutdownNow();
    }
}

package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The connections a {@link NatsCluster} hands out, all closed with it, and the per-node
 * connections it uses itself to ask JetStream about streams.
 */
final class ClusterConnections {

    private static final Duration RECONNECT_WAIT = Duration.ofMillis(10);
    // not zero: jnats 2.26.3 with a zero jitter never attempts a second reconnect
    private static final Duration RECONNECT_JITTER = Duration.ofMillis(5);

    private final NatsCluster cluster;
    private final List<Connection> made = new CopyOnWriteArrayList<>();
    private final Connection[] admin = new Connection[NatsCluster.NODES];

    ClusterConnections(NatsCluster cluster) {
        this.cluster = cluster;
    }

    Connection connect(List<String> urls, UnaryOperator<Options.Builder> adjust) {
        Options.Builder builder = Options.builder()
                .servers(urls.toArray(String[]::new))
                .connectionName("rita-test")
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                .reconnectJitter(RECONNECT_JITTER)
                .connectionTimeout(Duration.ofSeconds(5));
        try {
            Connection connection = Nats.connect(adjust.apply(builder).build());
            made.add(connection);
            return connection;
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + urls + ": " + e.getMessage() + cluster.outputs(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + urls, e);
        }
    }

    /**
     * A connection that stays with {@code node} (it never fails over, so that a question goes
     * where the caller meant it to), made on first use.
     */
    synchronized Connection admin(int node) {
        if (admin[node] == null || admin[node].getStatus() == Connection.Status.CLOSED) {
            admin[node] = connect(List.of(cluster.url(node)), options -> options.ignoreDiscoveredServers());
        }
        return admin[node];
    }

    void closeAll() {
        for (Connection connection : made) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // closing is best effort: the servers below go away regardless
            }
        }
        made.clear();
    }
}

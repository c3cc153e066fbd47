package io.rita.test.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.Replica;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The JetStream side of a {@link NatsCluster}: whether it is ready, and who leads and follows a
 * stream. Every question polls until its answer holds, with a deadline, asking any node that can
 * answer (a killed or paused node is skipped), so it works in the middle of a fault test.
 *
 * <pre>{@code
 * int leader = cluster.streams().leader("orders");
 * cluster.kill(leader);
 * int next = cluster.streams().awaitLeaderOtherThan("orders", leader);
 * }</pre>
 *
 * @see NatsCluster
 */
public final class ClusterStreams {

    /** How long a cluster may take to elect its JetStream meta leader and accept an R3 stream. */
    public static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How long a question waits for its answer. nats-server 2.9 elects a new stream leader 4 to 9 s
     * after the old one went silent; the rest is slack for a loaded machine.
     */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final String STEP_DOWN = "$JS.API.STREAM.LEADER.STEPDOWN.";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final NatsCluster cluster;

    ClusterStreams(NatsCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The node that leads {@code stream} (stream info's cluster leader), waiting while it has none.
     *
     * @throws IllegalStateException when the stream has no leader within {@link #ANSWER_TIMEOUT}
     */
    public int leader(String stream) {
        return await("a leader of stream '" + stream + "'", ANSWER_TIMEOUT,
                jsm -> leaderOf(jsm.getStreamInfo(stream)));
    }

    /**
     * Waits until {@code stream} has a leader other than {@code previous}, e.g. after killing it.
     *
     * @return the new leader
     * @throws IllegalStateException when there is none within {@link #ANSWER_TIMEOUT}
     */
    public int awaitLeaderOtherThan(String stream, int previous) {
        return await("a leader of stream '" + stream + "' other than node " + previous, ANSWER_TIMEOUT,
                jsm -> leaderOf(jsm.getStreamInfo(stream)).filter(leader -> leader != previous));
    }

    /**
     * Waits until {@code node} holds everything {@code stream}'s leader has: it leads the stream, or
     * the leader reports its replica current with no lag. After a restart this is when the node
     * has caught up.
     *
     * @throws IllegalStateException when that does not happen within {@link #ANSWER_TIMEOUT}
     */
    public void awaitCurrent(String stream, int node) {
        String name = cluster.serverName(node);
        await("node " + node + " (" + name + ") to be current in stream '" + stream + "'", ANSWER_TIMEOUT, jsm -> {
            StreamInfo info = jsm.getStreamInfo(stream);
            ClusterInfo clusterInfo = info.getClusterInfo();
            if (clusterInfo == null || clusterInfo.getLeader() == null) {
                return Optional.empty();
            }
            if (name.equals(clusterInfo.getLeader())) {
                return Optional.of(true);
            }
            return clusterInfo.getReplicas().stream()
                    .filter(replica -> name.equals(replica.getName()))
                    .filter(Replica::isCurrent)
                    .filter(replica -> replica.getLag() == 0)
                    .findFirst()
                    .map(replica -> true);
        });
    }

    /**
     * Moves the leadership of {@code stream} to {@code node}: asks the leader to step down until
     * the node is elected. A step-down elects one of the current followers within a second or so;
     * a node that has not caught up is never elected, so {@link #awaitCurrent} it first.
     *
     * @throws IllegalStateException when the node does not become leader within {@link #ANSWER_TIMEOUT}
     */
    public void makeLeader(String stream, int node) {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        for (int leader = leader(stream); leader != node; leader = leader(stream)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + node + " did not become leader of stream '" + stream
                        + "' within " + ANSWER_TIMEOUT.toSeconds() + " s (node " + leader + " leads)"
                        + cluster.outputs());
            }
            int from = leader;
            await("a step-down of node " + from + " in stream '" + stream + "'", ANSWER_TIMEOUT, jsm -> {
                Message reply = cluster.connections().admin(from).request(STEP_DOWN + stream, new byte[0],
                        REQUEST_TIMEOUT);
                String answer = reply == null ? "" : new String(reply.getData(), StandardCharsets.UTF_8);
                return answer.contains("\"success\":true") ? Optional.of(true) : Optional.empty();
            });
            awaitLeaderOtherThan(stream, from);
        }
    }

    /**
     * Stream info as the stream's leader reports it, asked of any node that answers.
     *
     * @throws IllegalStateException when no node answers within {@link #ANSWER_TIMEOUT}
     */
    public StreamInfo info(String stream) {
        return await("info of stream '" + stream + "'", ANSWER_TIMEOUT, jsm -> Optional.of(jsm.getStreamInfo(stream)));
    }

    /**
     * Waits until the cluster has a JetStream meta leader (account info is answered only then) and
     * can place an R3 stream (all three nodes have joined the meta group).
     */
    public void awaitReady() {
        await("a JetStream meta leader", FORMATION_TIMEOUT, jsm -> Optional.of(jsm.getAccountStatistics()));
        String probe = "rita_cluster_probe_" + NUID.nextGlobal();
        await("room for an R3 stream", FORMATION_TIMEOUT, jsm -> {
            jsm.addStream(StreamConfiguration.builder().name(probe).subjects(probe + ".>")
                    .storageType(StorageType.Memory).replicas(NatsCluster.NODES).build());
            jsm.deleteStream(probe);
            return Optional.of(true);
        });
    }

    private Optional<Integer> leaderOf(StreamInfo info) {
        ClusterInfo clusterInfo = info.getClusterInfo();
        if (clusterInfo == null || clusterInfo.getLeader() == null) {
            return Optional.empty();
        }
        return Optional.of(cluster.nodeNamed(clusterInfo.getLeader()));
    }

    /** One attempt at an answer: empty (or an exception) when it does not hold yet. */
    private interface Question<T> {
        Optional<T> ask(JetStreamManagement jsm) throws IOException, JetStreamApiException, InterruptedException;
    }

    private <T> T await(String what, Duration timeout, Question<T> question) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        for (int attempt = 0; ; attempt++) {
            try {
                // take turns among the nodes that can answer: a node that just restarted may not have
                // rejoined yet, and one that is cut off answers nothing useful
                int node = (cluster.anyAnsweringNode() + attempt) % NatsCluster.NODES;
                if (cluster.isAnswering(node)) {
                    JetStreamManagement jsm = cluster.connections().admin(node).jetStreamManagement(
                            JetStreamOptions.builder().requestTimeout(REQUEST_TIMEOUT).build());
                    Optional<T> answer = question.ask(jsm);
                    if (answer.isPresent()) {
                        return answer.get();
                    }
                }
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " in cluster " + cluster.name() + " within "
                        + timeout.toSeconds() + " s" + (last == null ? "" : " (last answer: " + last + ")")
                        + cluster.outputs(), last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}

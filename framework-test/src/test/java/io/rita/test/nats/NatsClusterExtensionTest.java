package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 3-node cluster extension on real nats-servers: leaders, kills, restarts, pauses. */
@Timeout(120)
class NatsClusterExtensionTest {

    @RegisterExtension
    static NatsClusterExtension nats = new NatsClusterExtension();

    @Test
    void runs_three_nodes_with_their_own_ports_names_and_stores() {
        NatsCluster cluster = nats.cluster();
        var names = new HashSet<String>();
        var ports = new HashSet<Integer>();
        var stores = new HashSet<String>();
        for (int node = 0; node < NatsCluster.NODES; node++) {
            Connection connection = nats.connect(node);
            assertThat(connection.getServerInfo().getServerName()).isEqualTo(cluster.serverName(node));
            assertThat(connection.getServerInfo().isJetStreamAvailable()).isTrue();
            names.add(cluster.serverName(node));
            ports.add(cluster.server(node).port());
            ports.add(cluster.server(node).routePort());
            stores.add(cluster.server(node).storeDir().toString());
        }
        assertThat(names).hasSize(3);
        assertThat(ports).hasSize(6);
        assertThat(stores).hasSize(3);
        assertThat(nats.urls()).containsExactly(cluster.url(0), cluster.url(1), cluster.url(2));
    }

    @Test
    void finds_the_leader_of_a_replicated_stream() throws Exception {
        createStream("led");

        int leader = nats.streams().leader("led");

        StreamInfo info = nats.connect(leader).jetStreamManagement().getStreamInfo("led");
        assertThat(info.getClusterInfo().getLeader()).isEqualTo(nats.cluster().serverName(leader));
        assertThat(info.getClusterInfo().getReplicas()).hasSize(2);
    }

    @Test
    void killing_the_stream_leader_elects_another_and_keeps_every_acknowledged_write() throws Exception {
        createStream("killed");
        List<Long> acknowledged = publish(nats.connection(), "killed", 20);
        int leader = nats.streams().leader("killed");

        nats.kill(leader);
        int next = nats.streams().awaitLeaderOtherThan("killed", leader);

        assertThat(next).isNotEqualTo(leader);
        assertThat(nats.cluster().isRunning(leader)).isFalse();
        Connection survivor = nats.connect(next);
        assertThat(read(survivor, "killed", acknowledged)).isEqualTo(texts(20));
        assertThat(survivor.jetStream().publish("killed.1", bytes("after")).getSeqno()).isEqualTo(21);
    }

    @Test
    void a_restarted_node_catches_up_with_what_was_written_while_it_was_down() throws Exception {
        createStream("restarted");
        publish(nats.connection(), "restarted", 5);
        int follower = (nats.streams().leader("restarted") + 1) % NatsCluster.NODES;

        nats.kill(follower);
        List<Long> acknowledged = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L));
        acknowledged.addAll(publish(nats.connect(), "restarted", 10));
        nats.start(follower);
        nats.streams().awaitCurrent("restarted", follower);
        // the leader answers reads from its own store: make the restarted node the leader to read its copy
        nats.streams().makeLeader("restarted", follower);

        assertThat(read(nats.connect(follower), "restarted", acknowledged)).isEqualTo(texts(10));
    }

    @Test
    void a_paused_node_answers_nothing_until_it_is_resumed_and_then_catches_up() throws Exception {
        createStream("paused");
        int leader = nats.streams().leader("paused");
        int follower = (leader + 1) % NatsCluster.NODES;
        Connection toFollower = nats.connect(follower, options -> options.ignoreDiscoveredServers());

        nats.pause(follower);
        try {
            assertThat(nats.cluster().server(follower).isPaused()).isTrue();
            assertThatThrownBy(() -> toFollower.flush(Duration.ofMillis(500))).isInstanceOf(TimeoutException.class);
            // the other two still make a quorum (the shared connection may be stuck on the paused node)
            publish(nats.connect(leader), "paused", 3);
        } finally {
            nats.resume(follower);
        }

        toFollower.flush(Duration.ofSeconds(10));
        assertThat(nats.cluster().server(follower).isPaused()).isFalse();
        nats.streams().awaitCurrent("paused", follower);
    }

    private static void createStream(String name) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nats.connection().jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name(name).subjects(name + ".>")
                .storageType(StorageType.File).replicas(3).build());
    }

    /** Publishes {@code count} messages "m1", "m2", ... (counting from what the stream has) and returns their sequences. */
    private static List<Long> publish(Connection connection, String stream, int count) throws Exception {
        List<Long> sequences = new ArrayList<>();
        long have = nats.streams().info(stream).getStreamState().getMsgCount();
        for (long i = have + 1; i <= count; i++) {
            sequences.add(connection.jetStream().publish(stream + ".1", bytes("m" + i)).getSeqno());
        }
        return sequences;
    }

    /** Reads the messages at {@code sequences} from the stream leader (never a follower's copy). */
    private static List<String> read(Connection connection, String stream, List<Long> sequences) throws Exception {
        JetStreamManagement jsm = connection.jetStreamManagement();
        List<String> texts = new ArrayList<>();
        for (long sequence : sequences) {
            texts.add(new String(jsm.getMessage(stream, sequence).getData(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    private static List<String> texts(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            texts.add("m" + i);
        }
        return texts;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.internal.ServerVersion;
import io.rita.test.nats.NatsCluster;
import io.rita.test.nats.NatsClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What nats-server itself does with racing expectations on a replicated (R3) stream, measured
 * with plain jnats: one writer per node, all sending the same expectation in each round.
 *
 * <p>Before 2.9.21 the per-subject expectation ({@code Nats-Expected-Last-Subject-Sequence}) is
 * checked by the leader against what it has applied, not in the replicated log's order, so two
 * writers can both win a round (nats-server#4320); the stream-wide one
 * ({@code Nats-Expected-Last-Sequence}) is checked in log order and is exact. This is why the
 * event store has a stream-sequence append mode. The rates are printed into the test's output.
 */
@Timeout(180)
class ClusterExpectationRaceTest {

    private static final ServerVersion SERIALISES_SUBJECT_EXPECTATIONS = ServerVersion.parse("2.9.21");
    private static final int ROUNDS = 200;

    @RegisterExtension
    static NatsClusterExtension nats = new NatsClusterExtension();

    @Test
    void per_subject_expectations_let_two_writers_win_one_round_before_nats_server_2_9_21() throws Exception {
        Race race = race("persubject", "Nats-Expected-Last-Subject-Sequence");
        ServerVersion version = ServerVersion.parse(nats.connection().getServerInfo().getVersion());

        System.out.printf("nats-server %s, R3, %d writers on %d nodes, per-subject expectation: "
                + "%d of %d rounds had two or more winners (%.0f%%)%n", version, NatsCluster.NODES,
                NatsCluster.NODES, race.doubleWins(), ROUNDS, 100.0 * race.doubleWins() / ROUNDS);
        if (version.isBefore(SERIALISES_SUBJECT_EXPECTATIONS)) {
            assertThat(race.doubleWins()).as("rounds with two or more winners on %s", version).isPositive();
        } else {
            assertThat(race.doubleWins()).as("rounds with two or more winners on %s", version).isZero();
        }
    }

    @Test
    void the_stream_wide_expectation_lets_exactly_one_writer_win_every_round() throws Exception {
        Race race = race("streamwide", "Nats-Expected-Last-Sequence");

        System.out.printf("nats-server %s, R3, stream-wide expectation: %d of %d rounds had two or more "
                + "winners%n", nats.connection().getServerInfo().getVersion(), race.doubleWins(), ROUNDS);
        assertThat(race.doubleWins()).isZero();
        assertThat(race.roundsWithoutWinner()).isZero();
    }

    /** Rounds with more than one winner, and rounds that nobody won. */
    private record Race(int doubleWins, int roundsWithoutWinner) {
    }

    /**
     * {@link #ROUNDS} rounds of one writer per node appending to one subject of an R3 stream at
     * the same moment, each expecting the sequence of the last message (which, with one subject,
     * is both the subject's and the stream's last).
     */
    private static Race race(String stream, String expectationHeader) throws Exception {
        nats.connection().jetStreamManagement().addStream(StreamConfiguration.builder().name(stream)
                .subjects(stream + ".>").storageType(StorageType.File).replicas(3).build());
        List<JetStream> writers = new ArrayList<>();
        for (int node = 0; node < NatsCluster.NODES; node++) {
            // each on its own node, as services behind a load balancer would be
            Connection connection = nats.connect(node, options -> options.ignoreDiscoveredServers());
            writers.add(connection.jetStream());
        }
        int doubleWins = 0;
        int noWinner = 0;
        long last = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers.size())) {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(writers.size());
                List<Future<Long>> attempts = new ArrayList<>();
                for (JetStream writer : writers) {
                    Headers headers = new Headers().put(expectationHeader, Long.toString(last));
                    NatsMessage message = NatsMessage.builder().subject(stream + ".counter").headers(headers)
                            .data("round " + round, StandardCharsets.UTF_8).build();
                    attempts.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        try {
                            return writer.publish(message).getSeqno();
                        } catch (JetStreamApiException refused) {
                            assertThat(refused.getApiErrorCode()).as("refusal").isEqualTo(10071);
                            return 0L;
                        }
                    }));
                }
                int wins = 0;
                for (Future<Long> attempt : attempts) {
                    long sequence = attempt.get(30, TimeUnit.SECONDS);
                    if (sequence > 0) {
                        wins++;
                        last = Math.max(last, sequence);
                    }
                }
                doubleWins += wins > 1 ? 1 : 0;
                noWinner += wins == 0 ? 1 : 0;
            }
        }
        return new Race(doubleWins, noWinner);
    }
}

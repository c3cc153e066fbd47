package io.rita.kmm.service;

import io.rita.test.nats.NatsClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

/**
 * KMM under load on a 3-node cluster while the stream's leader is killed with SIGKILL and started
 * again: no acknowledged command lost, none stored twice, balances and budgets hold, and commands
 * are answered again once a new leader is elected, without restarting the services
 * ({@link FailoverRun} checks and prints what the clients saw).
 */
@Timeout(180)
class KmmLeaderKilledTest {

    @RegisterExtension
    static NatsClusterExtension nats = new NatsClusterExtension();

    @Test
    void loses_no_acknowledged_command_and_stores_none_twice_when_the_leader_is_killed_and_restarted()
            throws Exception {
        try (FailoverRun run = FailoverRun.start(nats)) {
            run.run("SIGKILL, restart", Duration.ofSeconds(5), () -> {
                nats.kill(run.leader);
                int next = nats.streams().awaitLeaderOtherThan(KmmSubjects.STORE, run.leader);
                run.mark("node " + next + " elected");
                nats.start(run.leader);
                run.mark("node " + run.leader + " restarted");
            }, Duration.ofSeconds(15));
        }
    }
}

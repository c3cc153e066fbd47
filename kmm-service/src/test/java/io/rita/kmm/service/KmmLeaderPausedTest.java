package io.rita.kmm.service;

import io.rita.test.nats.NatsClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

/**
 * KMM under load on a 3-node cluster while the stream's leader is paused with SIGSTOP for 10 s and
 * then continued: the others elect a new leader, the paused one steps down when it wakes, and no
 * acknowledged command is lost or stored twice ({@link FailoverRun} checks and prints what the
 * clients saw).
 *
 * <p>Tagged {@code server-defect}, so not in the default build: on nats-server 2.9.10 it fails now
 * and then (2 of about 15 runs on 2026-12-06) because the server acknowledged a write that it then
 * lost: the paused leader, once continued, answered a publish with a sequence that the new
 * leader had given to another message (see docs/operations.md, "Failover, measured"). The
 * promise it checks stays the right one; run it with
 * {@code mvn -pl kmm-service -am verify -Dtest=KmmLeaderPausedTest -Dtest.excludedGroups=none}.
 */
@Tag("server-defect")
@Timeout(180)
class KmmLeaderPausedTest {

    private static final Duration PAUSE = Duration.ofSeconds(10);

    @RegisterExtension
    static NatsClusterExtension nats = new NatsClusterExtension();

    @Test
    void loses_no_acknowledged_command_and_stores_none_twice_when_the_leader_is_paused_for_10_s() throws Exception {
        try (FailoverRun run = FailoverRun.start(nats)) {
            run.run("SIGSTOP 10 s, SIGCONT", Duration.ofSeconds(5), () -> {
                long paused = System.nanoTime();
                nats.pause(run.leader);
                int next = nats.streams().awaitLeaderOtherThan(KmmSubjects.STORE, run.leader);
                run.mark("node " + next + " elected");
                try {
                    Thread.sleep(Math.max(0, PAUSE.toMillis() - (System.nanoTime() - paused) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                nats.resume(run.leader);
                run.mark("node " + run.leader + " resumed");
            }, Duration.ofSeconds(15));
        }
    }
}

package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.kmm.service.KmmProcess.Result;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;
import io.rita.nats.NatsServerNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kmm serve} as a process: how it stops, and what it says when it cannot start. */
class ServeProcessTest {

    private static final int CLIENTS = 16;
    private static final int REPLIES_BEFORE_STOP = 50;

    @TempDir
    Path dataDir;

    /**
     * SIGTERM while deposits are in flight: the service stops taking requests, but every deposit
     * it stored got its reply before the embedded nats-server went away. Counted afterwards on
     * the same data: the balance (deposits of 1) equals the number of successful replies.
     */
    @Test
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException
    void every_deposit_it_stored_while_stopping_got_its_reply() throws Exception {
        AtomicInteger acknowledged = new AtomicInteger();
        CountDownLatch warmedUp = new CountDownLatch(REPLIES_BEFORE_STOP);
        Result stopped;
        try (KmmProcess serve = KmmProcess.serve("--nats.embed", "--nats.port", "0", "--data-dir", dataDir.toString());
             Connection connection = Nats.connect(new Options.Builder().server(serve.url()).noReconnect()
                     .reportNoResponders().build())) {
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Thread.ofVirtual().start(() -> depositUntilRefused(connection, acknowledged, warmedUp)));
            }
            assertThat(warmedUp.await(KmmProcess.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("deposits answered").isTrue();

            stopped = serve.stop();

            for (Thread client : clients) {
                client.join();
            }
        }
        assertThat(stopped.err()).as("stderr of kmm serve").isEmpty();
        assertThat(stopped.exitCode()).as("kmm serve stopped by SIGTERM").isIn(0, 143);
        try (KmmServer again = KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0));
             KmmClient client = KmmClient.connect(NatsUrl.parse(again.url()), Duration.ofSeconds(10))) {
            assertThat(client.balance("in-flight")).isEqualByComparingTo(BigDecimal.valueOf(acknowledged.get()));
        }
    }

    /** Deposits 1 again and again; stops at the first request that does not succeed. */
    private static void depositUntilRefused(Connection connection, AtomicInteger acknowledged, CountDownLatch warmedUp) {
        byte[] one = "{\"Amount\":\"1\",\"Description\":\"\"}".getBytes(StandardCharsets.UTF_8);
        while (true) {
            Message reply;
            try {
                reply = connection.requestWithTimeout("kmm.services.in-flight.deposit-funds", one, Duration.ofSeconds(10))
                        .get(15, TimeUnit.SECONDS);
            } catch (Exception noReply) {
                return; // no responders (the service stopped taking requests), or the connection is gone
            }
            boolean success = reply.getData().length == 0
                    && (reply.getHeaders() == null || reply.getHeaders().getFirst("Nats-Service-Error") == null);
            if (!success) {
                return;
            }
            acknowledged.incrementAndGet();
            warmedUp.countDown();
        }
    }

    @Test
    void says_how_to_get_nats_server_when_there_is_none_and_exits_3() {
        String missing = dataDir.resolve("no-such-nats-server").toString();

        Result refused = KmmProcess.run(Map.of("NATS_SERVER_PATH", missing),
                "serve", "--nats.embed", "--nats.port", "0", "--data-dir", dataDir.toString());

        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).containsExactly("kmm: --nats.embed needs nats-server, which was not found: "
                + "NATS_SERVER_PATH=" + missing + " is not an executable file; looked at [" + missing + "]; "
                + NatsServerNotFoundException.INSTALL_HINT
                + "; or run `kmm serve --nats.url <url>` against a nats-server -js of your own");
        assertThat(refused.exitCode()).isEqualTo(3);
    }
}

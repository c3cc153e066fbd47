package io.rita.nats;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the watch of a server's output learns from its log: the ports, and whether it is restoring its store. */
class ServerOutputTest {

    private static final String LOG = """
            [1] 2026/12/06 09:51:52.433262 [INF]   Starting restore for stream '$G > kmm'
            [1] 2026/12/06 09:51:56.377103 [INF]   Restored 2,012,115 messages for stream '$G > kmm'
            [1] 2026/12/06 09:51:56.377300 [INF] Listening for client connections on 127.0.0.1:40123
            [1] 2026/12/06 09:51:56.377369 [INF] Server is ready
            """;

    @Test
    void finds_the_client_port_once_the_server_is_ready() {
        CompletableFuture<ServerOutput.Ports> ready = new CompletableFuture<>();

        new ServerOutput().drain(new ByteArrayInputStream(LOG.getBytes(StandardCharsets.UTF_8)), ready, false);

        assertThat(ready.join()).isEqualTo(new ServerOutput.Ports(40123, 0));
    }

    @Test
    void says_it_is_restoring_between_the_start_and_the_end_of_a_streams_restore() throws Exception {
        ServerOutput output = new ServerOutput();
        PipedOutputStream server = new PipedOutputStream();
        InputStream log = new PipedInputStream(server);
        Thread reader = Thread.ofVirtual().start(() -> output.drain(log, new CompletableFuture<>(), false));
        String[] lines = LOG.split("\n");

        write(server, lines[0]);
        awaitRestoring(output, true);
        write(server, lines[1]);
        awaitRestoring(output, false);

        server.close();
        reader.join(5_000);
    }

    @Test
    void says_it_is_restoring_while_it_recovers_a_streams_consumers() throws Exception {
        ServerOutput output = new ServerOutput();
        PipedOutputStream server = new PipedOutputStream();
        InputStream log = new PipedInputStream(server);
        Thread reader = Thread.ofVirtual().start(() -> output.drain(log, new CompletableFuture<>(), false));

        write(server, "[1] 2026/12/06 11:02:29.628670 [INF]   Restored 10,000,000 messages for stream '$G > kmm'");
        write(server, "[1] 2026/12/06 11:02:29.631049 [INF]   Recovering 1 consumers for stream - '$G > kmm'");
        awaitRestoring(output, true);
        write(server, "[1] 2026/12/06 11:03:01.183932 [INF] Listening for client connections on 127.0.0.1:4999");
        awaitRestoring(output, false);

        server.close();
        reader.join(5_000);
    }

    private static void write(PipedOutputStream server, String line) throws IOException {
        server.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        server.flush();
    }

    private static void awaitRestoring(ServerOutput output, boolean expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (output.restoring() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(output.restoring()).isEqualTo(expected);
    }
}

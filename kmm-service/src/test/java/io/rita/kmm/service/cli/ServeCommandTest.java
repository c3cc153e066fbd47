package io.rita.kmm.service.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kmm serve} in process: what it says and how it exits when it cannot serve. */
class ServeCommandTest {

    /** How long a serve may take to start or stop before the test fails instead of hanging. */
    private static final long PATIENCE_SECONDS = 30;

    @TempDir
    Path dataDir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run kmm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void says_the_port_is_taken_and_exits_3() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run refused = kmm("serve", "--nats.embed", "--nats.port", Integer.toString(taken.getLocalPort()),
                    "--data-dir", dataDir.toString());

            assertThat(refused.exitCode()).isEqualTo(Kmm.UNREACHABLE);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).startsWith("kmm: the embedded nats-server did not start on 127.0.0.1:"
                            + taken.getLocalPort() + " with data in " + dataDir.toAbsolutePath() + ": ")
                    .contains("address already in use")
                    .endsWith("; if another `kmm serve --nats.embed` is running, use it, or pick another --nats.port"
                            + System.lineSeparator());
        }
    }

    @Test
    void says_nothing_listens_at_the_nats_url_and_exits_3() {
        int closed = 1; // tcpmux: nothing listens, and no test's server takes it (a port just found free might)

        Run refused = kmm("serve", "--nats.url", "127.0.0.1:" + closed);

        assertThat(refused.exitCode()).isEqualTo(Kmm.UNREACHABLE);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("kmm: cannot reach NATS at nats://127.0.0.1:" + closed
                + ": is nats-server -js running there? Or start one with `kmm serve --nats.embed`"
                + System.lineSeparator());
    }

    @Test
    void refuses_replicas_for_its_single_embedded_nats_server_and_says_what_needs_them() {
        Run refused = kmm("serve", "--nats.embed", "--replicas", "3", "--data-dir", dataDir.toString());

        assertThat(refused.exitCode()).isEqualTo(Kmm.USAGE);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("kmm: the embedded nats-server is a single server and keeps one copy; "
                + "3 replicas need a cluster: run `kmm serve --nats.url <its servers> --replicas 3`"
                + System.lineSeparator());
    }

    @Test
    void says_a_single_nats_server_cannot_keep_three_replicas_and_exits_3() {
        Path serverDir = dataDir.resolve("single");
        io.rita.nats.NatsServerProcess server = io.rita.nats.NatsServerProcess.of(
                io.rita.nats.NatsServerOptions.inDirectory(serverDir)).start();
        try {
            Run refused = kmm("serve", "--nats.url", server.url(), "--replicas", "3");

            assertThat(refused.exitCode()).isEqualTo(Kmm.UNREACHABLE);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).startsWith("kmm: cannot set up the store 'kmm' on " + server.url() + ": ")
                    .contains("--replicas 3 needs a NATS cluster of at least 3 servers with JetStream, and ")
                    .endsWith(" is a single server: leave --replicas out, or see docs/operations.md for a cluster"
                            + System.lineSeparator());
        } finally {
            server.stop();
        }
    }

    @Test
    void stops_with_exit_3_when_its_embedded_nats_server_dies() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CountDownLatch ready = new CountDownLatch(1);
        PrintWriter signalling = new PrintWriter(new LineSignal(new PrintWriter(out, true), ready), true);
        FutureTask<Integer> serve = new FutureTask<>(() -> Kmm.run(signalling, new PrintWriter(err, true),
                "serve", "--nats.embed", "--nats.port", "0", "--data-dir", dataDir.toString()));
        Thread.ofPlatform().name("kmm-serve-under-test").start(serve);
        assertThat(ready.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("serving; stderr: %s", err).isTrue();
        assertThat(out.toString()).startsWith(ServeCommand.READY);

        embeddedServer().destroyForcibly();

        assertThat(serve.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(Kmm.UNREACHABLE);
        assertThat(err.toString()).isEqualTo("kmm: the embedded nats-server exited with code 137 while serving; "
                + "stopping" + System.lineSeparator());
    }

    /** This JVM's nats-server child that keeps its data in this test's directory. */
    private ProcessHandle embeddedServer() {
        String dir = dataDir.toAbsolutePath().toString();
        return ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(dir))
                .findFirst().orElseThrow(() -> new AssertionError("no nats-server with data in " + dir));
    }
}

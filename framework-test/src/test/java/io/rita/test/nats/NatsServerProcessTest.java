package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.rita.nats.NatsClusterOptions;
import io.rita.nats.NatsServerException;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NatsServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void picks_a_free_port_when_asked_for_port_0() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start();
             Connection connection = Nats.connect(server.url())) {

            assertThat(server.port()).isPositive();
            assertThat(connection.getServerInfo().isJetStreamAvailable()).isTrue();
        }
    }

    @Test
    void restarts_on_the_same_port() {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start()) {
            int port = server.port();

            server.restart();

            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
        }
    }

    @Test
    void keeps_its_streams_in_the_store_directory() {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start()) {
            assertThat(server.storeDir()).isEqualTo(dir);
            assertThat(dir.resolve("jetstream")).isDirectory();
        }
    }

    @Test
    void applies_the_server_name_and_max_payload() throws Exception {
        NatsServerOptions options = NatsServerOptions.inDirectory(dir).withServerName("rita-test").withMaxPayload(4096);
        try (NatsServerProcess server = NatsServerProcess.of(options).start();
             Connection connection = Nats.connect(server.url())) {

            assertThat(connection.getServerInfo().getServerName()).isEqualTo("rita-test");
            assertThat(connection.getServerInfo().getMaxPayload()).isEqualTo(4096);
        }
    }

    @Test
    void applies_extra_configuration_from_a_file_only_its_owner_may_read() throws Exception {
        NatsServerOptions options = NatsServerOptions.inDirectory(dir).withConfig("authorization { token: \"s3cret\" }");
        try (NatsServerProcess server = NatsServerProcess.of(options).start()) {
            assertThatThrownBy(() -> Nats.connect(server.url()).close()).hasMessageContaining("Authorization Violation");
            try (Connection connection = Nats.connect(server.url().replace("nats://", "nats://s3cret@"))) {
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
            assertThat(Files.getPosixFilePermissions(dir.resolve("nats-server.conf")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void is_not_running_after_stop() {
        NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start();

        server.stop();

        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void a_stop_lets_the_server_finish_its_shutdown() throws Exception {
        NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start();
        var exited = server.onExit();

        server.stop();

        // 1 is nats-server's exit after handling SIGTERM; 141 would be a SIGPIPE from logging into
        // a pipe closed under it, 137 the SIGKILL after the timeout
        assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(server.output()).contains("Server Exiting");
    }

    @Test
    void refuses_to_start_twice() {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start()) {
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(server.url());
        }
    }

    @Test
    void a_failed_start_reports_the_server_output() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)
                    .withPort(taken.getLocalPort()));

            assertThatThrownBy(server::start)
                    .isInstanceOf(NatsServerException.class)
                    .hasMessageContaining("exited")
                    .hasMessageContaining("address already in use")
                    .satisfies(e -> assertThat(((NatsServerException) e).output()).contains("address already in use"));
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void cannot_tell_its_port_before_it_has_chosen_one() {
        NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir));

        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runs_in_a_process_group_of_its_own_so_a_terminal_ctrl_c_reaches_only_its_owner() throws IOException {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start()) {
            long pid = ChildServers.pidOf(dir);

            assertThat(processGroup(pid)).isNotEqualTo(processGroup(ProcessHandle.current().pid()));
        }
    }

    @Test
    void tells_its_owner_when_the_server_process_ends() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start()) {
            var exited = server.onExit();
            assertThat(exited).isNotDone();

            ProcessHandle.of(ChildServers.pidOf(dir)).orElseThrow().destroyForcibly();

            assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(137);
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void a_paused_server_answers_nothing_until_it_is_resumed() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start();
             Connection connection = Nats.connect(server.url())) {

            server.pause();
            try {
                assertThat(server.isPaused()).isTrue();
                assertThat(processState(server.pid())).isEqualTo("T");
                assertThatThrownBy(() -> connection.flush(Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);
            } finally {
                server.resume();
            }

            assertThat(server.isPaused()).isFalse();
            connection.flush(Duration.ofSeconds(10));
        }
    }

    @Test
    void stops_a_paused_server_without_waiting_for_the_kill_timeout() throws Exception {
        NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start();
        var exited = server.onExit();
        server.pause();
        long started = System.nanoTime();

        server.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(NatsServerProcess.STOP_TIMEOUT);
        // nats-server ends with 1 after handling SIGTERM; 137 would be the SIGKILL after the timeout
        assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void joins_a_cluster_and_reports_the_route_port_it_picked() throws Exception {
        int portOfB = FreePorts.pick(1)[0];
        // JetStream refuses to run clustered without a route, so a's route to b is there from the start
        NatsServerOptions first = NatsServerOptions.inDirectory(dir.resolve("a")).withServerName("a")
                .withCluster(NatsClusterOptions.named("pair").withRoutes(List.of("127.0.0.1:" + portOfB)));
        try (NatsServerProcess a = NatsServerProcess.of(first).start()) {
            NatsServerOptions second = NatsServerOptions.inDirectory(dir.resolve("b")).withServerName("b")
                    .withCluster(NatsClusterOptions.named("pair").withPort(portOfB)
                            .withRoutes(List.of("127.0.0.1:" + a.routePort())));
            try (NatsServerProcess b = NatsServerProcess.of(second).start();
                 Connection toA = Nats.connect(a.url());
                 Connection toB = Nats.connect(b.url())) {
                var received = toB.subscribe("across");
                toB.flush(Duration.ofSeconds(5));

                // a route needs a moment to come up after both servers are ready
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                io.nats.client.Message message = null;
                while (message == null && System.nanoTime() < deadline) {
                    toA.publish("across", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    message = received.nextMessage(Duration.ofMillis(100));
                }

                assertThat(a.routePort()).isPositive().isNotEqualTo(portOfB);
                assertThat(b.routePort()).isEqualTo(portOfB);
                assertThat(message).as("a message from a's client reached b's").isNotNull();
            }
        }
    }

    @Test
    void refuses_a_clustered_server_without_a_name() {
        NatsServerOptions options = NatsServerOptions.inDirectory(dir).withCluster(NatsClusterOptions.named("c"));

        assertThatThrownBy(() -> NatsServerProcess.of(options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withServerName");
    }

    @Test
    void a_server_on_its_own_has_no_route_port() {
        try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start()) {
            assertThatThrownBy(server::routePort).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not clustered");
        }
    }

    /** The state letter of a process: field 3 of {@code /proc/<pid>/stat} ("T" is stopped by a signal). */
    private static String processState(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0];
    }

    /** The process group id: field 5 of {@code /proc/<pid>/stat}, counted after the command in parentheses. */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }
}

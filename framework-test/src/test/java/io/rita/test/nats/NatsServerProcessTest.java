package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
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
import java.util.concurrent.TimeUnit;

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

    /** The process group id: field 5 of {@code /proc/<pid>/stat}, counted after the command in parentheses. */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }
}

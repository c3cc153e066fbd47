package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens to a server whose JVM exits without closing it: the shutdown hook stops it,
 * unless the options turned the hook off for an owner that stops the server itself.
 */
class NatsServerShutdownHookTest {

    @TempDir
    Path dir;

    @Test
    void the_shutdown_hook_stops_a_server_that_was_not_closed() throws Exception {
        long pid = runAndExit(true)[0];

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("nats-server %d still running", pid)
                .isEmpty();
    }

    @Test
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException
    void without_the_hook_the_server_outlives_the_jvm_for_its_owner_to_stop() throws Exception {
        long[] started = runAndExit(false);
        ProcessHandle server = ProcessHandle.of(started[0]).orElseThrow();
        try (Connection connection = Nats.connect("nats://127.0.0.1:" + started[1])) {
            assertThat(server.isAlive()).isTrue();
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        } finally {
            server.destroy();
            server.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@link ServerThenExit} in a child JVM to its end; returns the server's pid and port. */
    private long[] runAndExit(boolean stopOnExit) throws IOException, InterruptedException {
        Process jvm = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerThenExit.class.getName(),
                dir.toString(), Boolean.toString(stopOnExit)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader out = jvm.inputReader(StandardCharsets.UTF_8)) {
            line = out.readLine();
        }
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        assertThat(jvm.exitValue()).isZero();
        assertThat(line).as("pid and port").matches("\\d+ \\d+");
        String[] parts = line.split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }
}

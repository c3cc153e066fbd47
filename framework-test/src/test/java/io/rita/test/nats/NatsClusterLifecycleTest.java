package io.rita.test.nats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a cluster leaves behind: nothing, whether it is closed or its JVM just exits. */
@Timeout(120)
class NatsClusterLifecycleTest {

    @Test
    void close_stops_every_node_also_a_paused_or_killed_one_and_deletes_the_stores() {
        NatsCluster cluster = NatsCluster.start();
        long[] pids = {cluster.server(0).pid(), cluster.server(1).pid(), cluster.server(2).pid()};
        Path root = cluster.server(0).storeDir().getParent();
        cluster.pause(1);
        cluster.kill(2);

        cluster.close();

        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("nats-server %d", pid).isEmpty();
        }
        assertThat(root).doesNotExist();
        for (Runnable useAfterClose : List.<Runnable>of(() -> cluster.url(0), () -> cluster.kill(1),
                () -> cluster.start(2), () -> cluster.isRunning(0), cluster::urls)) {
            assertThatThrownBy(useAfterClose::run).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is closed").hasMessageContaining("NatsCluster.start()");
        }
        assertThat(cluster.serverName(0)).as("names are no servers'").endsWith("-n0");
    }

    @Test
    void a_jvm_that_exits_without_closing_its_cluster_leaves_no_node_running_and_no_store() throws Exception {
        Process jvm = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClusterThenExit.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader out = jvm.inputReader(StandardCharsets.UTF_8)) {
            line = out.readLine();
        }
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        assertThat(line).as("three pids and the store root").matches("\\d+ \\d+ \\d+ \\S+");

        String[] parts = line.split(" ");
        long[] pids = Arrays.stream(parts, 0, 3).mapToLong(Long::parseLong).toArray();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("nats-server %d", pid).isEmpty();
        }
        assertThat(Path.of(parts[3])).doesNotExist();
    }
}

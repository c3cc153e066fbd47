package io.rita.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used so far by this JVM and by the benchmark's nats-server (a child process of it):
 * on a machine that others share, what a side costs in CPU is a steadier measure than how fast
 * it ran, which depends on how much CPU the others left.
 */
final class Cpu {

    private static volatile ProcessHandle server;

    private Cpu() {
    }

    /** Finds the nats-server this JVM started (the one benchmark server). */
    static void findServer() {
        server = ProcessHandle.current().descendants()
                .filter(process -> process.info().command().map(command -> command.endsWith("nats-server")).orElse(false))
                .findFirst().orElse(null);
    }

    /** This JVM's CPU time, all threads. */
    static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The nats-server's CPU time, or 0 when it was not found. */
    static long serverNanos() {
        ProcessHandle found = server;
        return found == null ? 0 : Optional.ofNullable(found.info().totalCpuDuration().orElse(null))
                .map(Duration::toNanos).orElse(0L);
    }
}

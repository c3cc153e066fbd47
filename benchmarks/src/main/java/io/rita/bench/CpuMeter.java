package io.rita.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used so far by this JVM and by the nats-servers it started (its descendant processes
 * named {@code nats-server}), for the paired runs' CPU-per-operation lines: unlike a rate, CPU
 * time spent per operation hardly moves when other work shares the machine.
 *
 * <pre>{@code
 * CpuMeter.Reading before = CpuMeter.read();
 * ... work ...
 * CpuMeter.Reading used = CpuMeter.read().minus(before);   // used.jvmNanos(), used.serverNanos()
 * }</pre>
 *
 * <p>The server's time comes from {@code /proc/<pid>/stat} (clock ticks, assumed 100 per
 * second); off Linux it reads as 0.
 */
final class CpuMeter {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuMeter() {
    }

    /**
     * CPU time in nanoseconds.
     *
     * @param jvmNanos    this JVM, all threads
     * @param serverNanos the nats-server child processes
     */
    record Reading(long jvmNanos, long serverNanos) {
        Reading minus(Reading earlier) {
            return new Reading(jvmNanos - earlier.jvmNanos, serverNanos - earlier.serverNanos);
        }

        Reading plus(Reading other) {
            return new Reading(jvmNanos + other.jvmNanos, serverNanos + other.serverNanos);
        }
    }

    /** The CPU time used until now. */
    static Reading read() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
        long server = 0;
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("nats-server")).orElse(false)).toList();
        for (ProcessHandle process : servers) {
            server += ticks(process.pid()) * NANOS_PER_TICK;
        }
        return new Reading(jvm, server);
    }

    /** utime + stime of a process, in clock ticks; 0 when it cannot be read. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

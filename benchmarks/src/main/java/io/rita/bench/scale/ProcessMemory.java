package io.rita.bench.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory as the operating system and the JVM see it: a process's resident set from
 * {@code /proc/<pid>/status}, and this JVM's live heap after collections.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** The resident set of process {@code pid} in bytes ({@code VmRSS}), or -1 where /proc cannot tell. */
    static long resident(long pid) {
        return field(pid, "VmRSS:");
    }

    /** The highest resident set of process {@code pid} so far in bytes ({@code VmHWM}), or -1. */
    static long peakResident(long pid) {
        return field(pid, "VmHWM:");
    }

    /** The heap this JVM's live objects take, in bytes, after asking for full collections until it settles. */
    static long liveHeap() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < 256 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(java.util.Locale.ROOT, "%,.0f MiB", bytes / 1024.0 / 1024.0);
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

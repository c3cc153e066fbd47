package io.rita.nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What {@link Process} lacks for a server child: any POSIX signal (Java knows only SIGTERM and
 * SIGKILL; fault tests also need SIGSTOP and SIGCONT, which the shell's {@code kill} sends), a
 * graceful stop with a deadline, and a wait that an interrupt cannot cut short.
 */
final class ChildProcesses {

    private static final long TIMEOUT_SECONDS = 10;

    private ChildProcesses() {
    }

    /**
     * Sends {@code signal} (a name such as {@code STOP}) to {@code pid}.
     *
     * @throws NatsServerException when {@code kill} fails or there is no shell to run it
     */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " " + pid)
                    .redirectErrorStream(true).start();
            kill.getOutputStream().close();
            if (!kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new NatsServerException("kill -s " + signal + " " + pid + " did not finish within "
                        + TIMEOUT_SECONDS + " s", "", null);
            }
            if (kill.exitValue() != 0) {
                String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                throw new NatsServerException("kill -s " + signal + " " + pid + " failed: " + said, "");
            }
        } catch (IOException e) {
            throw new NatsServerException("cannot send SIG" + signal + " to process " + pid
                    + ": no /bin/sh to run kill (" + e.getMessage() + ")", "", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while sending SIG" + signal + " to process " + pid, "", e);
        }
    }

    /**
     * Sends SIGSTOP or SIGCONT and returns once the process is stopped or going again: a signal is
     * delivered when the kernel next schedules the process, which on a loaded machine is a moment
     * after {@code kill} returns. Where there is no {@code /proc}, it returns after sending.
     *
     * @throws NatsServerException when the signal cannot be sent or takes no effect within 10 s
     */
    static void stopOrContinue(long pid, boolean stop) {
        signal(pid, stop ? "STOP" : "CONT");
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        try {
            while (Files.exists(stat) && isStopped(Files.readString(stat)) != stop) {
                if (System.nanoTime() > deadline) {
                    throw new NatsServerException("process " + pid + " did not " + (stop ? "stop" : "continue")
                            + " within " + TIMEOUT_SECONDS + " s of its signal", "");
                }
                Thread.sleep(1);
            }
        } catch (IOException e) {
            // the process ended while we looked: nothing left to stop or continue
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while waiting for process " + pid + " to "
                    + (stop ? "stop" : "continue"), "", e);
        }
    }

    /** Whether a {@code /proc/<pid>/stat} line says "stopped by a signal" (state T, after the command). */
    private static boolean isStopped(String stat) {
        return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
    }

    /**
     * SIGTERM, then SIGKILL after {@code timeout}. A paused process gets SIGCONT after the SIGTERM,
     * as a stopped process cannot handle it.
     *
     * <p>The SIGTERM goes through the process handle, not {@link Process#destroy()}: that one also
     * closes our end of the output pipe, and a server that logs its shutdown into a closed pipe
     * dies of SIGPIPE half-way through it.
     */
    static void terminate(Process p, boolean paused, Duration timeout) {
        p.toHandle().destroy();
        if (paused) {
            try {
                signal(p.pid(), "CONT");
            } catch (NatsServerException e) {
                p.destroyForcibly(); // SIGKILL needs no cooperation
            }
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the process to end and returns its exit code; an interrupt is kept for later. */
    static int awaitExit(Process p) {
        boolean interrupted = false;
        while (true) {
            try {
                int code = p.waitFor();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return code;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}

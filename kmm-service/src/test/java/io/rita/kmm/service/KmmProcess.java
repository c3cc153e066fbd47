package io.rita.kmm.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kmm} program in a child JVM (its main class on this test's classpath), so that
 * tests talk to it process to process, as a user's shell does. Children run with {@code TZ=UTC}
 * (times print the same everywhere) and without the caller's {@code NATS_URL}, unless a test
 * passes an environment of its own.
 */
final class KmmProcess implements AutoCloseable {

    /** How long any one line or exit may take before the test fails instead of hanging. */
    static final long PATIENCE_SECONDS = 30;

    private static final String MAIN = "io.rita.kmm.service.cli.Kmm";
    private static final String SERVING = "kmm: serving on ";

    private final Process process;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;
    private volatile String url;

    private KmmProcess(Process process) {
        this.process = process;
        this.outReader = Thread.ofPlatform().daemon().start(() -> pump(process.inputReader(StandardCharsets.UTF_8), out, null));
        this.errReader = Thread.ofPlatform().daemon().start(() -> pump(process.errorReader(StandardCharsets.UTF_8), null, err));
    }

    /** Starts {@code kmm <args>}. */
    static KmmProcess start(String... args) {
        return start(Map.of(), args);
    }

    /** Starts {@code kmm <args>} with these environment variables set on top of the defaults. */
    static KmmProcess start(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a short-lived CLI: start fast rather than run fast
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().remove("NATS_URL");
            builder.environment().put("TZ", "UTC");
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            return new KmmProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code kmm <args>} to its end. */
    static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code kmm <args>} to its end with these environment variables. */
    static Result run(Map<String, String> environment, String... args) {
        try (KmmProcess kmm = start(environment, args)) {
            return kmm.await();
        }
    }

    /**
     * Starts {@code kmm serve <args>} and waits until it serves.
     *
     * @return the running service; {@link #url()} says where
     */
    static KmmProcess serve(String... args) {
        return serve(Map.of(), args);
    }

    /** Starts {@code kmm serve <args>} with these environment variables and waits until it serves. */
    static KmmProcess serve(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        KmmProcess serve = start(environment, all.toArray(String[]::new));
        String ready = serve.nextLine();
        if (!ready.startsWith(SERVING)) {
            serve.close();
            throw new AssertionError("kmm serve printed '" + ready + "' instead of " + SERVING + "...");
        }
        serve.url = ready.substring(SERVING.length(), ready.indexOf(' ', SERVING.length()));
        return serve;
    }

    /** Where a {@link #serve} process serves, e.g. {@code nats://127.0.0.1:40123}. */
    String url() {
        return url;
    }

    /** The next line of standard output; fails when none comes in time or the process ended. */
    String nextLine() {
        try {
            String line = out.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("kmm printed no line within " + PATIENCE_SECONDS + " s; stderr: " + err);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for the process to end and returns what it printed after what was read with {@link #nextLine()}. */
    Result await() {
        try {
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("kmm did not end within " + PATIENCE_SECONDS + " s; stderr: " + err);
            }
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        List<String> lines = new ArrayList<>();
        out.drainTo(lines);
        return new Result(process.exitValue(), lines, err.toString().lines().toList());
    }

    /** Stops it as Ctrl-C or a service manager would (SIGTERM: shutdown hooks run) and waits. */
    Result stop() {
        process.destroy();
        return await();
    }

    /**
     * Stops it gracefully if it still runs (SIGTERM, so that a {@code kmm serve --nats.embed}
     * stops its nats-server, which a SIGKILL would leave running), killing it only if it hangs.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The process, for tests that look at its children. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    private static void pump(BufferedReader reader, BlockingQueue<String> lines, StringBuffer text) {
        try (reader) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines != null) {
                    lines.add(line);
                } else {
                    text.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /**
     * How a run ended.
     *
     * @param exitCode its exit code
     * @param out      the standard output lines
     * @param err      the standard error lines
     */
    record Result(int exitCode, List<String> out, List<String> err) {
    }
}

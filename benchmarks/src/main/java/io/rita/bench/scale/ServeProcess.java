package io.rita.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code kmm serve --nats.url <url>} as its own process, started with this JVM's java and class
 * path, as an operator's service manager starts it: so that a restart pays what a real one pays
 * (JVM start, class loading, a cold JIT, an empty cache), and its memory is its own.
 */
final class ServeProcess implements AutoCloseable {

    private static final String READY = "kmm: serving on ";

    private final Process process;
    final long startNanos;

    private ServeProcess(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
    }

    /** Starts {@code kmm serve} on {@code url} and returns once it serves. */
    static ServeProcess start(String url, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.rita.kmm.service.cli.Kmm",
                "serve", "--nats.url", url));
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedReader out = process.inputReader(StandardCharsets.UTF_8);
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(READY)) {
                        Thread.ofVirtual().start(() -> drain(out));
                        return line;
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("kmm serve ended without serving:\n" + seen);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            ready.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("kmm serve did not serve within 120 s", e);
        }
        return new ServeProcess(process, started);
    }

    /**
     * How long a JVM takes to start KMM's command line and print its version: what every start
     * of {@code kmm serve} pays before it does any work of its own.
     */
    static long versionNanos() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.rita.kmm.service.cli.Kmm", "--version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kmm --version did not end within 60 s");
        }
        return System.nanoTime() - started;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Stops it as a service manager does (SIGTERM) and waits: up to two minutes, as a JVM that
     * records an AOT cache ({@code -XX:AOTCacheOutput}) writes it on its way out.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void drain(BufferedReader out) {
        try (out) {
            while (out.readLine() != null) {
                // kmm serve logs little; keep its pipe from filling
            }
        } catch (IOException e) {
            // it ended
        }
    }
}

package io.rita.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code nats-server -js} of the benchmark's own, on a free loopback port with file storage in
 * a temporary directory, deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (LocalNatsServer server = LocalNatsServer.start()) {
 *     Connection nc = Nats.connect(server.url());
 * }
 * }</pre>
 *
 * <p>Stands in until {@code io.rita.nats.NatsServerProcess} lands in the framework.
 *
 * @throws IllegalStateException from {@link #start()} when the binary is missing or does not come up
 */
public final class LocalNatsServer implements AutoCloseable {

    private final Process process;
    private final Path storeDirectory;
    private final int port;

    private LocalNatsServer(Process process, Path storeDirectory, int port) {
        this.process = process;
        this.storeDirectory = storeDirectory;
        this.port = port;
    }

    /** Starts a server and returns once it accepts connections. */
    public static LocalNatsServer start() {
        String binary = binary();
        try {
            Path dir = Files.createTempDirectory("rita-bench-nats");
            int port = freePort();
            Process process = new ProcessBuilder(binary, "-js", "-a", "127.0.0.1", "-p", Integer.toString(port),
                    "-sd", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nats-server.log").toFile())
                    .start();
            LocalNatsServer server = new LocalNatsServer(process, dir, port);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** The URL to connect to. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    private static String binary() {
        String configured = System.getenv("NATS_SERVER_PATH");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "nats-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("nats-server not found on PATH, in /usr/sbin or via NATS_SERVER_PATH; "
                + "install it (Debian: apt-get install nats-server)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue()
                        + "; see " + storeDirectory.resolve("nats-server.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                sleepBriefly();
            }
        }
        close();
        throw new IllegalStateException("nats-server did not listen on port " + port + " within 10 s");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting nats-server", e);
        }
    }

    /** Stops the server and deletes its store directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(storeDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is not worth failing a benchmark for
        }
    }
}

package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in until the test kit's NatsServerExtension is on main: starts nats-server with
 * JetStream on a free port and a temporary store directory, and can restart it on the same port
 * and directory.
 */
final class LocalNats implements BeforeAllCallback, AfterAllCallback {

    private Path storeDir;
    private int port;
    private Process server;
    private Connection connection;
    private final List<Connection> extra = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        storeDir = Files.createTempDirectory("nats-js");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startServer();
        connection = connect();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (Connection c : extra) {
            c.close();
        }
        stopServer();
    }

    Connection connection() {
        return connection;
    }

    Connection connect() throws Exception {
        Connection c = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(100)).connectionTimeout(Duration.ofSeconds(5))
                .build());
        extra.add(c);
        return c;
    }

    void stopServer() throws InterruptedException {
        server.destroy();
        server.waitFor();
    }

    void restartServer() throws Exception {
        stopServer();
        startServer();
    }

    private void startServer() throws IOException, InterruptedException {
        server = new ProcessBuilder("/usr/sbin/nats-server", "-js", "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-sd", storeDir.toString()).redirectErrorStream(true)
                .redirectOutput(storeDir.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("nats-server did not start on port " + port);
    }
}

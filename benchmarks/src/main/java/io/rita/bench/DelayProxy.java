package io.rita.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of nats-server that holds every chunk for a fixed time in each direction:
 * a network's latency on one machine (the kernel here has no {@code netem}). With
 * {@code -Dbench.latency.micros=250} the benchmarks' connections go through it, so a round trip
 * costs at least half a millisecond more, as between two machines of one data centre, and what
 * a change saves in round trips shows apart from what it saves in CPU.
 *
 * <p>Bytes keep their order: each direction of a connection has one scheduler, whose tasks run
 * in the order of their (non-decreasing) due times.
 */
final class DelayProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final String host;
    private final int port;
    private final long delayMicros;

    private DelayProxy(ServerSocket listening, String host, int port, long delayMicros) {
        this.listening = listening;
        this.host = host;
        this.port = port;
        this.delayMicros = delayMicros;
    }

    /** Starts a proxy to {@code url} (nats://host:port) delaying each direction by {@code delayMicros}. */
    static DelayProxy start(String url, long delayMicros) {
        URI target = URI.create(url);
        try {
            ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            DelayProxy proxy = new DelayProxy(listening, target.getHost(), target.getPort(), delayMicros);
            Thread.ofPlatform().daemon().name("delay-proxy").start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the delay proxy", e);
        }
    }

    /** The proxy's own URL, for clients. */
    String url() {
        return "nats://127.0.0.1:" + listening.getLocalPort();
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(host, port);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().factory());
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    byte[] chunk = Arrays.copyOf(buffer, n);
                    later.schedule(() -> write(out, chunk, to), delayMicros, TimeUnit.MICROSECONDS);
                }
            } catch (IOException e) {
                // the connection ended
            } finally {
                later.schedule(() -> close(to), delayMicros, TimeUnit.MICROSECONDS);
                later.shutdown();
            }
        });
    }

    private static void write(OutputStream out, byte[] chunk, Socket to) {
        try {
            out.write(chunk);
            out.flush();
        } catch (IOException e) {
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        close(listening);
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }
}

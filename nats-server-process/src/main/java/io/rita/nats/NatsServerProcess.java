package io.rita.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code nats-server} running as a child process, with JetStream ({@code -js}) unless
 * its options say otherwise: for tests, and for {@code kmm serve --nats.embed}.
 *
 * <pre>{@code
 * try (NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)).start()) {
 *     Connection connection = Nats.connect(server.url());
 *     ...
 *     server.restart();   // same port, same store directory: file-stored streams survive
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns as soon as the server logs {@code Server is ready} (a few
 * milliseconds), learning the port from the log when the options ask for any free port; it never
 * sleeps a fixed time. The server's output is drained all the time into a bounded buffer, shown
 * by {@link #output()} and in every start failure. A JVM shutdown hook stops a server that was
 * not closed, so no orphan keeps a port or a store directory busy (unless
 * {@link NatsServerOptions#stopOnExit()} is off: then the owner stops it in its own shutdown).
 *
 * <p>Faults for tests: {@link #kill()} (SIGKILL), {@link #pause()} (SIGSTOP) and {@link #resume()}
 * (SIGCONT). With {@link NatsServerOptions#cluster()} set, the server joins a cluster and also
 * learns its {@linkplain #routePort() route port}.
 *
 * <p>The server runs in a session of its own where {@code setsid} exists, so a terminal's Ctrl-C
 * reaches the JVM but not the server: the owner decides when the server stops, after its last
 * replies went out. A JVM killed with SIGKILL cannot stop it; its next start on the same port
 * then fails with "address already in use".
 *
 * <p>Thread-safe. The store directory is created when missing and never deleted: it belongs
 * to the caller.
 *
 * @see NatsServerNotFoundException thrown by {@code of} when there is no executable
 * @see NatsServerException thrown by {@code start()} when the server does not come up
 */
public final class NatsServerProcess implements AutoCloseable {

    /** How long a start may take before it is declared failed; a healthy start takes milliseconds. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long a start may take while nats-server says it is restoring streams from its store:
     * nats-server 2.9 reads every message block before it is ready, which for millions of events
     * takes seconds to minutes (about 2 s per million on this project's machine).
     */
    public static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(10);

    private static final long WAIT_SLICE_MILLIS = 100;

    /** How long a graceful stop (SIGTERM) may take before the process is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final NatsServerOptions options;
    private final Path binary;
    private final ServerOutput output = new ServerOutput();

    private int port;
    private int routePort;
    /** Read by the shutdown hook, which cannot take the lock a stuck owner may hold. */
    private volatile boolean paused;
    private Process process;
    private Thread drain;
    private CompletableFuture<Integer> exited;
    private Thread shutdownHook;

    private NatsServerProcess(NatsServerOptions options, Path binary) {
        this.options = options;
        this.binary = binary;
        this.port = options.port();
        this.routePort = options.cluster() == null ? 0 : options.cluster().port();
    }

    /**
     * A server with these options, not started yet. The executable is looked up now, so a missing
     * one fails before anything else happens.
     *
     * @throws NatsServerNotFoundException when there is no usable {@code nats-server}
     * @throws IllegalArgumentException    when the options join a cluster without a server name
     */
    public static NatsServerProcess of(NatsServerOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.cluster() != null && options.serverName() == null) {
            // JetStream keys a clustered server's state by its name: a generated one changes on restart
            throw new IllegalArgumentException("a clustered nats-server needs a server name that is unique in its "
                    + "cluster: add withServerName(...) to the options");
        }
        Path binary = options.binary() == null ? NatsServerBinary.locate() : NatsServerBinary.require(options.binary());
        return new NatsServerProcess(options, binary);
    }

    /**
     * Starts the server and waits until it accepts clients. After the first start the port is
     * fixed, so a later start (or {@link #restart()}) listens where clients expect it.
     *
     * @return this server
     * @throws IllegalStateException when it is already running
     * @throws NatsServerException   when it exits or is not ready within {@link #READY_TIMEOUT};
     *                               the message includes the server's output
     */
    public synchronized NatsServerProcess start() {
        if (isRunning()) {
            throw new IllegalStateException("nats-server is already running on " + url());
        }
        if (process != null) {
            forget(); // it died on its own (or was killed from outside): drop its hook and reader
        }
        ServerCommand command = new ServerCommand(binary, options, port, routePort);
        Process started = launch(command);
        CompletableFuture<ServerOutput.Ports> ready = new CompletableFuture<>();
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        // the output ends when the process does; this thread then completes onExit() itself, as
        // Process.onExit() would run its callbacks on the common pool, which a caller may fill
        Thread drainer = Thread.ofPlatform().daemon().name("nats-server-" + started.pid() + "-output")
                .start(() -> {
                    output.drain(started.getInputStream(), ready, options.cluster() != null);
                    ended.complete(ChildProcesses.awaitExit(started));
                });
        process = started;
        drain = drainer;
        exited = ended;
        try {
            ServerOutput.Ports ports = awaitReady(ready);
            port = ports.client();
            routePort = ports.route();
        } catch (TimeoutException e) {
            abandon();
            throw new NatsServerException("nats-server was not ready within " + READY_TIMEOUT.toSeconds()
                    + " s (" + RESTORE_TIMEOUT.toMinutes() + " min while restoring streams) (" + command + ")",
                    output(), e);
        } catch (ExecutionException e) {
            int code = abandon();
            throw new NatsServerException("nats-server exited with code " + code + " before it was ready ("
                    + command + ")", output(), e.getCause());
        } catch (InterruptedException e) {
            abandon();
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while nats-server was starting", output(), e);
        }
        if (options.stopOnExit()) {
            Thread hook = new Thread(() -> ChildProcesses.terminate(started, paused, STOP_TIMEOUT), "nats-server-" + started.pid() + "-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        }
        return this;
    }

    /** Waits for the server's "ready": {@link #READY_TIMEOUT}, or {@link #RESTORE_TIMEOUT} while it restores streams. */
    private ServerOutput.Ports awaitReady(CompletableFuture<ServerOutput.Ports> ready)
            throws TimeoutException, ExecutionException, InterruptedException {
        long started = System.nanoTime();
        while (true) {
            try {
                return ready.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long waited = System.nanoTime() - started;
                if (waited > (output.restoring() ? RESTORE_TIMEOUT : READY_TIMEOUT).toNanos()) {
                    throw e;
                }
            }
        }
    }

    /**
     * Completes with the exit code when the running server process ends, however it ends: a
     * {@link #stop()}, a {@link #kill()}, a crash, or a signal from outside. An owner that
     * depends on the server watches it to stop instead of waiting for it forever.
     *
     * @throws IllegalStateException when the server has not been started (or was stopped)
     */
    public synchronized CompletableFuture<Integer> onExit() {
        if (process == null) {
            throw new IllegalStateException("nats-server is not started");
        }
        return exited.copy();
    }

    /**
     * Stops the server gracefully (SIGTERM, so it flushes its stores), killing it if it takes
     * longer than {@link #STOP_TIMEOUT}. Does nothing when it is not running.
     */
    public synchronized void stop() {
        if (process != null) {
            ChildProcesses.terminate(process, paused, STOP_TIMEOUT);
            forget();
        }
    }

    /**
     * Pauses the server (SIGSTOP), as a stalled machine or a long garbage-collection pause would:
     * it keeps its connections open but answers nothing until {@link #resume()}. For fault tests.
     *
     * @throws IllegalStateException when it is not running
     * @throws NatsServerException   when the signal cannot be sent
     */
    public synchronized void pause() {
        requireRunning("pause");
        ChildProcesses.stopOrContinue(process.pid(), true);
        paused = true;
    }

    /**
     * Lets a {@linkplain #pause() paused} server go on (SIGCONT). Does nothing when it is not paused.
     *
     * @throws NatsServerException when the signal cannot be sent
     */
    public synchronized void resume() {
        if (paused && isRunning()) {
            ChildProcesses.stopOrContinue(process.pid(), false);
        }
        paused = false;
    }

    /** Whether the server is {@linkplain #pause() paused}. */
    public synchronized boolean isPaused() {
        return paused && isRunning();
    }

    /**
     * The operating system's id of the running server process.
     *
     * @throws IllegalStateException when it is not running
     */
    public synchronized long pid() {
        requireRunning("tell the pid of");
        return process.pid();
    }

    /**
     * Kills the server at once (SIGKILL), as a crash would: for fault tests. File-stored data
     * that the server acknowledged is still there on the next start (it was written to the OS).
     */
    public synchronized void kill() {
        if (process != null) {
            abandon();
        }
    }

    /**
     * Stops the server and starts it again on the same port with the same store directory.
     *
     * @return this server
     * @throws NatsServerException when it does not come up again
     */
    public synchronized NatsServerProcess restart() {
        stop();
        return start();
    }

    /** Whether the server process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * The client port.
     *
     * @throws IllegalStateException when the options asked for any free port and the server has
     *                               not been started yet
     */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the port is chosen by nats-server when it starts: start it first");
        }
        return port;
    }

    /**
     * The port the server listens on for the routes of the other servers of its cluster.
     *
     * @throws IllegalStateException when the server is not clustered, or the options asked for any
     *                               free port and the server has not been started yet
     */
    public synchronized int routePort() {
        if (options.cluster() == null) {
            throw new IllegalStateException("this nats-server is not clustered: it has no route port");
        }
        if (routePort == 0) {
            throw new IllegalStateException("the route port is chosen by nats-server when it starts: start it first");
        }
        return routePort;
    }

    /** The URL clients connect to, e.g. {@code nats://127.0.0.1:4837}. */
    public String url() {
        String host = switch (options.host()) {
            case "0.0.0.0" -> NatsServerOptions.LOOPBACK;
            case "::", "[::]" -> "[::1]";
            default -> options.host().contains(":") && !options.host().startsWith("[")
                    ? "[" + options.host() + "]" : options.host();
        };
        return "nats://" + host + ":" + port();
    }

    /** The JetStream store directory. */
    public Path storeDir() {
        return options.storeDir();
    }

    /** The executable this server runs. */
    public Path binary() {
        return binary;
    }

    /** The options it was made with. */
    public NatsServerOptions options() {
        return options;
    }

    /** The last lines the server wrote (its log), across starts. */
    public String output() {
        return output.text();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private Process launch(ServerCommand command) {
        try {
            Files.createDirectories(options.storeDir());
            command.writeConfig();
            Process started = new ProcessBuilder(OwnSession.wrap(command.arguments())).redirectErrorStream(true).start();
            started.getOutputStream().close();
            return started;
        } catch (IOException e) {
            throw new NatsServerException("cannot start nats-server (" + command + "): " + e.getMessage(), output(), e);
        }
    }

    /** Kills the process now, waits for it and its last output, forgets it; returns its exit code. */
    private int abandon() {
        Process p = process;
        p.destroyForcibly();
        int code = ChildProcesses.awaitExit(p);
        forget();
        return code;
    }

    private void joinDrain() {
        try {
            // the pipe closes when the process exits; this only waits for the last lines to land
            drain.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireRunning(String action) {
        if (!isRunning()) {
            throw new IllegalStateException("cannot " + action + " nats-server: it is not running");
        }
    }

    private void forget() {
        paused = false;
        joinDrain();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to: it stops the same process, nothing to undo
            }
        }
        process = null;
        drain = null;
        exited = null;
        shutdownHook = null;
    }
}

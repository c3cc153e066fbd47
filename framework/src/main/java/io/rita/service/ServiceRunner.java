package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.impl.Headers;
import io.nats.client.support.JsonValue;
import io.nats.service.Service;
import io.nats.service.ServiceBuilder;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;
import io.rita.eventstore.EventStoreException;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hosts a {@link Dispatcher}'s routes on NATS with the service API (jnats {@code io.nats.service}):
 * one endpoint per route, in a queue group, so that {@code $SRV.PING}, {@code $SRV.INFO} and
 * {@code $SRV.STATS} answer and several runners share the load.
 *
 * <pre>{@code
 * Dispatcher dispatcher = Dispatcher.of(store, routes, DispatchOptions.defaults());
 * ServiceRunner runner = ServiceRunner.start(connection, dispatcher,
 *                                            ServiceOptions.of("kmm", "1.0.0", "Kids Money Manager"));
 * awaitShutdownSignal();
 * runner.closeAndDrain(Duration.ofSeconds(5));  // stop taking requests, finish those in flight, drain
 * }</pre>
 *
 * <p>Each request runs on its own virtual thread, so a request waiting for the store holds no
 * platform thread, and requests on different aggregates go on in parallel. The runner survives
 * a nats-server restart as far as the connection does: jnats reconnects and re-subscribes, and
 * the endpoints serve again (give the connection unlimited reconnects for a service).
 *
 * <p>Shutting down: {@link #close()} stops the endpoints, lets the requests in flight reply,
 * stores a snapshot of each cached aggregate that has events since its last one (when its
 * engine keeps snapshots: {@link Dispatcher#snapshotCached}), and leaves the connection open for whoever else uses it; {@link #closeAndDrain(Duration)} then
 * also drains and closes the connection, for a process that made the connection for its runner.
 */
public final class ServiceRunner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServiceRunner.class.getName());
    /** How long past its own timeout a drain may take to report back before we stop waiting. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(1);

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final ServiceOptions options;
    private final LiveStreams streams;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Service service;
    /** The fallback endpoint's name in the service API ({@code $SRV.INFO}, {@code $SRV.STATS}). */
    private static final String FALLBACK = "fallback";
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServiceRunner(Connection connection, Dispatcher dispatcher, ServiceOptions options) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.options = Objects.requireNonNull(options, "options");
        if (options.fallback() != null) {
            dispatcher.refuseDeliveriesInto(options.fallback());
            dispatcher.refuseInsideStore(options.fallback());
            // jnats keeps endpoints by name: the fallback's would replace such a route without a word
            dispatcher.routes().stream().filter(route -> route.name().equals(FALLBACK)).findFirst().ifPresent(route -> {
                throw new IllegalArgumentException("route '" + route.pattern() + "' is named '" + FALLBACK + "', the"
                        + " name of the service's fallback endpoint; give it another name (withName)");
            });
        }
        this.streams = dispatcher.routes().stream().anyMatch(StreamRoute.class::isInstance)
                ? new LiveStreams(connection, management(connection), dispatcher.store().name()) : null;
        ServiceBuilder builder = Service.builder()
                .connection(connection)
                .name(options.name())
                .version(options.version())
                .description(options.description())
                .drainTimeout(options.drainTimeout());
        for (Route route : dispatcher.routes()) {
            builder.addServiceEndpoint(ServiceEndpoint.builder()
                    .endpointName(route.name())
                    .endpointSubject(route.pattern())
                    .endpointQueueGroup(options.queueGroup())
                    .handler(message -> accept(route, message))
                    .statsDataSupplier(() -> statisticsOf(route))
                    .build());
        }
        if (options.fallback() != null) {
            builder.addServiceEndpoint(ServiceEndpoint.builder()
                    .endpointName(FALLBACK)
                    .endpointSubject(options.fallback())
                    .endpointQueueGroup(options.queueGroup())
                    .handler(message -> accept(null, message))
                    .build());
        }
        this.service = builder.build();
    }

    /**
     * Starts serving the dispatcher's routes on the connection.
     *
     * @throws IllegalArgumentException when a name, version, subject or queue group is not valid
     *                                  for the NATS service API, or the fallback pattern takes in
     *                                  a stream route's deliveries or lies inside the store's subjects
     * @throws EventStoreException      when a stream route needs JetStream and it is not available
     */
    public static ServiceRunner start(Connection connection, Dispatcher dispatcher, ServiceOptions options) {
        ServiceRunner runner = new ServiceRunner(connection, dispatcher, options);
        runner.service.startService();
        // A flush is a round trip: when it returns the server has the endpoints' subscriptions,
        // so a request sent right after start() finds a responder instead of "no responders".
        try {
            connection.flush(options.drainTimeout());
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "service {0}: started while the server is unreachable; "
                    + "endpoints will subscribe when it connects", options.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return runner;
    }

    /** This instance's id on the service API (each runner process has its own). */
    public String id() {
        return service.getId();
    }

    /** The options. */
    public ServiceOptions options() {
        return options;
    }

    /**
     * Stops gracefully: unsubscribes the endpoints (draining what NATS already delivered), lets
     * every request in flight finish and send its reply, then stores the snapshots of cached
     * aggregates that the next process would otherwise fold events for, all within the drain
     * timeout. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a shutdown hook and main may both close
        }
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        // Draining the endpoints waits for the server once per endpoint: without a server that is
        // the drain timeout times the number of endpoints, for nothing, since no reply can leave.
        service.stop(connection.getStatus() == Connection.Status.CONNECTED);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "service {0}: requests still running after the drain timeout of {1}",
                        options.name(), options.drainTimeout());
                workers.shutdownNow();
            }
            if (connection.getStatus() == Connection.Status.CONNECTED
                    && !dispatcher.snapshotCached(remaining(deadline))) {
                LOG.log(System.Logger.Level.WARNING, "service {0}: not every cached aggregate''s snapshot was stored"
                        + " within the drain timeout of {1}; their next cold loads read the events after their last"
                        + " snapshots", options.name(), options.drainTimeout());
            }
            if (connection.getStatus() == Connection.Status.CONNECTED) {
                connection.flush(remaining(deadline).isZero() ? Duration.ofMillis(1) : remaining(deadline));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        } catch (TimeoutException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "service {0}: replies may not have been flushed: {1}",
                    options.name(), e.getMessage());
        }
    }

    /**
     * Stops gracefully as {@link #close()} does, then drains the connection: its other
     * subscriptions get what the server already sent them, everything published is flushed, and
     * the connection is closed. Use it when the runner's process owns the connection (a service's
     * {@code main}); when the connection serves other work too, call {@link #close()} and leave
     * the connection to its owner.
     *
     * @param timeout how long the connection may take to drain, after the requests in flight
     *                (which {@link ServiceOptions#drainTimeout()} bounds)
     * @return whether the connection drained within {@code timeout}; it is closed either way
     *         (if jnats is in a reconnect attempt, once that ends: within its connection timeout)
     */
    public boolean closeAndDrain(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout"); // before anything is closed
        close();
        boolean drained = false;
        try {
            if (connection.getStatus() != Connection.Status.CONNECTED) {
                return false; // nothing can be flushed without a server; the finally closes
            }
            drained = connection.drain(timeout).get(timeout.toNanos() + DRAIN_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException | IllegalStateException e) {
            // IllegalStateException: closed or draining already; the rest: the drain did not finish
            LOG.log(System.Logger.Level.WARNING, "service {0}: the connection did not drain: {1}", options.name(),
                    e.toString());
        } finally {
            if (connection.getStatus() != Connection.Status.CLOSED) {
                try {
                    connection.close();
                    awaitClosed();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return drained;
    }

    /**
     * Waits until the connection says it is closed: jnats' close() returns early while its
     * reconnect thread is in an attempt at a server that is gone, and leaves the closing to that
     * thread, whose attempt ends within the connection timeout.
     */
    private void awaitClosed() throws InterruptedException {
        Duration patience = connection.getOptions().getConnectionTimeout().plus(DRAIN_GRACE);
        long deadline = System.nanoTime() + patience.toNanos();
        while (connection.getStatus() != Connection.Status.CLOSED) {
            if (System.nanoTime() > deadline) {
                LOG.log(System.Logger.Level.WARNING, "service {0}: the connection is still {1} {2} ms after close();"
                        + " jnats closes it when its reconnect attempt ends", options.name(), connection.getStatus(),
                        patience.toMillis());
                return;
            }
            Thread.sleep(5);
        }
    }

    /**
     * Called on the service API's dispatcher thread: hand over at once, never block it. The route
     * is {@code null} for the fallback endpoint, which matches the request against every route.
     */
    private void accept(Route route, ServiceMessage message) {
        try {
            workers.execute(() -> serve(route, message));
        } catch (RejectedExecutionException e) {
            // only after close(): the endpoints are drained, so this is a straggler; no reply
            LOG.log(System.Logger.Level.DEBUG, "service {0}: request on {1} after close", options.name(),
                    message.getSubject());
        }
    }

    private void serve(Route route, ServiceMessage message) {
        Request request = new Request(message.getSubject(), headersOf(message), message.getData());
        Reply reply = route != null ? dispatcher.serve(route, request, streams) : dispatcher.serve(request, streams);
        if (message.getReplyTo() == null) {
            return;
        }
        try {
            Headers headers = new Headers();
            reply.headers().forEach(headers::put);
            message.respond(connection, reply.body(), headers);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "service {0}: cannot reply on {1}: {2}", options.name(),
                    message.getSubject(), e.getMessage());
            try {
                message.respondStandardError(connection, "internal error: the reply could not be sent", 500);
            } catch (RuntimeException stillNot) {
                // the connection is gone; the client's request times out and it retries
            }
        }
    }

    /** A route's numbers (requests, accepted, rejected, conflicts, retries, ...) as the endpoint's stats data. */
    private JsonValue statisticsOf(Route route) {
        Map<String, JsonValue> numbers = new java.util.LinkedHashMap<>();
        dispatcher.statistics(route).forEach((name, value) -> numbers.put(name, new JsonValue(value)));
        return new JsonValue(numbers);
    }

    private static Map<String, String> headersOf(ServiceMessage message) {
        Map<String, String> headers = new HashMap<>();
        if (message.hasHeaders()) {
            message.getHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.getFirst());
                }
            });
        }
        return headers;
    }

    private static JetStreamManagement management(Connection connection) {
        try {
            return connection.jetStreamManagement();
        } catch (IOException e) {
            throw new EventStoreException(null, "stream routes need JetStream, which this connection does not offer", e);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}

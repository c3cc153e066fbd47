package io.rita.bench;

import io.nats.client.Connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Closed-loop clients for the paired runs, as JMH's {@code @Threads} clients of
 * {@link CommandBenchmark}: each a platform thread with its own connection and one request in
 * flight, going round-robin over the aggregates from its own starting point (so that with many
 * aggregates two clients rarely meet on one). The same clients serve every side of a comparison,
 * so the sides differ only in the service they talk to.
 *
 * <pre>{@code
 * try (ClientLoops clients = ClientLoops.start(16, 1_000, testbed::connect)) {
 *     double perSecond = clients.run(1_000_000_000L, a -> CommandServices.ritaSubject("a" + a), body);
 * }
 * }</pre>
 *
 * @throws IllegalStateException from {@link #run} when a request fails or gets no reply
 */
final class ClientLoops implements AutoCloseable {

    private final List<CommandClient> clients;
    private final int[] next;
    private final int aggregates;
    private final ExecutorService threads;

    private ClientLoops(List<CommandClient> clients, int aggregates) {
        this.clients = clients;
        this.aggregates = aggregates;
        this.next = new int[clients.size()];
        for (int i = 0; i < next.length; i++) {
            next[i] = i * (aggregates / next.length);
        }
        this.threads = Executors.newFixedThreadPool(clients.size());
    }

    /** {@code count} clients over {@code aggregates} aggregates, each on a connection from {@code connect}. */
    static ClientLoops start(int count, int aggregates, Supplier<Connection> connect) {
        List<CommandClient> clients = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                clients.add(new CommandClient(connect.get()));
            }
        } catch (RuntimeException e) {
            clients.forEach(CommandClient::close);
            throw e;
        }
        return new ClientLoops(clients, aggregates);
    }

    /**
     * Every client sends {@code body} to {@code subjectOf} its next aggregate (0 to aggregates - 1)
     * and waits for the reply, again and again, until {@code nanos} have passed.
     *
     * @return replies per second, all clients together
     */
    double run(long nanos, IntFunction<String> subjectOf, byte[] body) {
        long start = System.nanoTime();
        long deadline = start + nanos;
        List<Future<Long>> loops = new ArrayList<>(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            int index = i;
            Callable<Long> loop = () -> {
                CommandClient client = clients.get(index);
                long replies = 0;
                do {
                    int aggregate = next[index] % aggregates;
                    next[index] = aggregate + 1;
                    client.send(subjectOf.apply(aggregate), body);
                    replies++;
                } while (System.nanoTime() < deadline);
                return replies;
            };
            loops.add(threads.submit(loop));
        }
        long replies = 0;
        try {
            for (Future<Long> loop : loops) {
                replies += loop.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return replies * 1e9 / (System.nanoTime() - start);
    }

    /** Stops the threads and closes the connections. */
    @Override
    public void close() {
        threads.shutdownNow();
        clients.forEach(CommandClient::close);
    }
}

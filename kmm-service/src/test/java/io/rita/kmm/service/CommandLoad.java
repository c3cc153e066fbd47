package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.rita.service.ServiceHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Clients sending KMM deposits and withdrawals without pause, as a careful client does: each
 * command with its own {@value ServiceHeaders#COMMAND_ID}, sent again with the same id after a
 * time-out or an error that says so (5xx, a conflict after retries, no responders), until the
 * service answers it with a success or the domain's refusal. Every command is recorded with what
 * happened to it, for checking against the store afterwards.
 */
final class CommandLoad implements AutoCloseable {

    /**
     * How long the clients wait for a reply before they send the command again: half of them
     * less than the store's own request timeout (5 s), so that they see the fault as time-outs,
     * and half longer, so that they get the service's 503 for a store request that timed out.
     */
    static final List<Duration> REQUEST_TIMEOUTS = List.of(Duration.ofSeconds(3), Duration.ofSeconds(8));
    /** How long a client keeps sending one command again before it gives up on it. */
    static final Duration PERSISTENCE = Duration.ofSeconds(90);

    /** One command and what became of it; times in {@link System#nanoTime()}. */
    record Command(String id, String account, boolean deposit, int amount, long sent, long answered,
                   Outcome outcome, String refusal, int attempts, long sequence) {

        long latencyNanos() {
            return answered - sent;
        }
    }

    enum Outcome { STORED, REFUSED, GAVE_UP }

    private final List<Thread> clients = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** What ended a client before it was told to stop (a reply it could not read, a bug here): stays empty. */
    private final List<Throwable> deaths = new CopyOnWriteArrayList<>();
    /** Why sends failed before a command was answered: reply code and text, "timeout", "no responders". */
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    private CommandLoad() {
    }

    /** Starts {@code count} clients, each on its own connection, over {@code accounts}. */
    static CommandLoad start(int count, List<String> accounts, Supplier<Connection> connect) {
        CommandLoad load = new CommandLoad();
        for (int c = 0; c < count; c++) {
            String client = "client-" + c;
            Connection connection = connect.get();
            Duration timeout = REQUEST_TIMEOUTS.get(c % REQUEST_TIMEOUTS.size());
            load.clients.add(Thread.ofPlatform().name(client)
                    .start(() -> load.run(client, connection, accounts, timeout)));
        }
        return load;
    }

    /** Every command answered (or given up) so far, in no particular order. */
    List<Command> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /**
     * Lets every client finish the command it is on, and waits for them.
     *
     * @throws AssertionError when a client died before (its commands would be missing from the
     *                        check, unnoticed) or is still on a command after its persistence
     */
    @Override
    public void close() throws InterruptedException {
        stopping.set(true);
        // a command sent just before the stop may take its persistence, one more try and a pause
        long deadline = System.nanoTime() + PERSISTENCE.plus(REQUEST_TIMEOUTS.getLast()).plusSeconds(5).toNanos();
        List<String> alive = new ArrayList<>();
        for (Thread client : clients) {
            client.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (client.isAlive()) {
                alive.add(client.getName());
            }
        }
        if (!alive.isEmpty()) {
            throw new AssertionError(alive + " still on a command after " + PERSISTENCE);
        }
        if (!deaths.isEmpty()) {
            AssertionError died = new AssertionError(deaths.size() + " client(s) died during the run", deaths.getFirst());
            deaths.stream().skip(1).forEach(died::addSuppressed);
            throw died;
        }
    }

    private void run(String client, Connection connection, List<String> accounts, Duration timeout) {
        try (connection) {
            for (int n = 0; !stopping.get(); n++) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String account = accounts.get(random.nextInt(accounts.size()));
                boolean deposit = random.nextInt(10) < 6;
                int amount = 1 + random.nextInt(deposit ? 3 : 5);
                Command done = send(connection, timeout, client + "-" + n, account, deposit, amount);
                synchronized (commands) {
                    commands.add(done);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            deaths.add(e);
        }
    }

    private Command send(Connection connection, Duration timeout, String id, String account, boolean deposit,
                         int amount) throws InterruptedException {
        String subject = KmmSubjects.service(account, deposit ? "deposit-funds" : "withdraw-funds");
        byte[] body = ("{\"Amount\":\"" + amount + "\",\"Description\":\"load\"}").getBytes(StandardCharsets.UTF_8);
        Headers headers = new Headers().put(ServiceHeaders.COMMAND_ID, id);
        long sent = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                Message reply = connection.requestWithTimeout(subject, headers, body, timeout)
                        .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                String code = reply.getHeaders() == null ? null
                        : reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE);
                if (reply.isStatusMessage()) {
                    failure = "status " + reply.getStatus().getCode();
                } else if (code == null) {
                    String sequence = reply.getHeaders() == null ? null
                            : reply.getHeaders().getFirst(ServiceHeaders.SEQUENCE);
                    return new Command(id, account, deposit, amount, sent, System.nanoTime(), Outcome.STORED, null,
                            attempt, sequence == null ? -1 : Long.parseLong(sequence));
                } else if (code.equals("400")) {
                    return new Command(id, account, deposit, amount, sent, System.nanoTime(), Outcome.REFUSED,
                            new String(reply.getData(), StandardCharsets.UTF_8), attempt, -1);
                } else {
                    String text = new String(reply.getData(), StandardCharsets.UTF_8);
                    failure = code + " " + text.replaceAll("\\(reference [^)]*\\)", "(reference ...)");
                }
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof TimeoutException ? "timeout"
                        : e.getCause() != null && e.getCause().getMessage() != null
                        && e.getCause().getMessage().contains("No Responders") ? "no responders" : e.getCause().toString();
            } catch (TimeoutException e) {
                failure = "timeout";
            } catch (java.util.concurrent.CancellationException e) {
                failure = "no responders";
            }
            failures.computeIfAbsent(failure, f -> new AtomicInteger()).incrementAndGet();
            if (System.nanoTime() - sent > PERSISTENCE.toNanos()) {
                return new Command(id, account, deposit, amount, sent, System.nanoTime(), Outcome.GAVE_UP, failure,
                        attempt, -1);
            }
            Thread.sleep(20 + ThreadLocalRandom.current().nextInt(30));
        }
    }
}

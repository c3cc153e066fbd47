package io.rita.kmm.service.client;

import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.rita.kmm.domain.BudgetPeriod;
import io.rita.kmm.domain.LedgerEntry;
import io.rita.kmm.service.BalanceReply;
import io.rita.kmm.service.BudgetPeriodReply;
import io.rita.kmm.service.BudgetRequest;
import io.rita.kmm.service.FundsRequest;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;
import io.rita.kmm.service.LedgerReply;
import io.rita.kmm.service.LedgerRequest;
import io.rita.kmm.service.WireFormatException;
import io.rita.kmm.service.connect.NatsAccess;
import io.rita.kmm.service.connect.NatsAccessException;
import io.rita.kmm.service.connect.PermissionViolation;
import io.rita.kmm.service.connect.PermissionWatch;
import io.rita.service.ServiceHeaders;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The client side of KMM's protocol: one method per CLI command, speaking exactly the Go
 * original's subjects and bodies, so it works against either service.
 *
 * <pre>{@code
 * try (KmmClient kmm = KmmClient.connect(NatsUrl.parse("127.0.0.1:4837"), Duration.ofSeconds(5))) {
 *     kmm.deposit("susie", new BigDecimal("20"), "grass mowing");
 *     kmm.balance("susie");   // 20
 * }
 * }</pre>
 *
 * <p>Account names are checked to be one subject token before anything is sent. Every command
 * carries a fresh command id (header {@value ServiceHeaders#COMMAND_ID}); when its answer does
 * not come in time, the command is sent once more with the same id, which the service answers
 * as the first time without applying it twice (the Go original ignores the header). While the
 * service answers that its store is unavailable for now (503: a NATS cluster electing a new
 * leader for the store takes a few seconds), commands and queries are sent again, commands with
 * the same id, for up to three timeouts. A query on an account this client has changed carries
 * the sequence of its last change ({@value ServiceHeaders#MIN_SEQUENCE}), so that it never
 * answers from before it, whichever service and replica serve it. Thread-safe.
 *
 * <p>A request the NATS server refuses for lack of permission (a kid's deposit) fails at once
 * with a {@link PermissionDeniedException}, not after the timeout.
 *
 * @see NatsUnreachableException thrown when there is no server or service to answer
 * @see NatsAccessException thrown when the credentials or TLS settings do not let it connect
 * @see ServiceErrorException thrown when the service refuses a request
 * @see PermissionDeniedException thrown when the NATS server refuses a request for lack of permission
 * @see IllegalArgumentException thrown for an account name that is not one token
 */
public final class KmmClient implements AutoCloseable {

    static final String SERVICE_ERROR = "Nats-Service-Error";
    static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";

    private final Connection connection;
    private final PermissionWatch permissions;
    private final NatsUrl url;
    private final Duration timeout;
    /** Per account, the sequence of the last command this client stored: its queries never answer from before. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    /** How long, in timeouts, requests are sent again while the service says it is unavailable for now. */
    private static final int PERSISTENCE = 3;
    /** The pause before sending again after such an answer. */
    private static final Duration UNAVAILABLE_PAUSE = Duration.ofMillis(250);

    private KmmClient(Connection connection, PermissionWatch permissions, NatsUrl url, Duration timeout) {
        this.connection = connection;
        this.permissions = permissions;
        this.url = url;
        this.timeout = timeout;
    }

    /**
     * Connects to NATS at {@code url} without credentials; {@code timeout} bounds the connect and
     * every request.
     *
     * @throws NatsUnreachableException when no server answers there
     * @throws NatsAccessException      when the server wants credentials
     */
    public static KmmClient connect(NatsUrl url, Duration timeout) {
        return connect(NatsAccess.of(url.servers()), timeout);
    }

    /**
     * Connects as {@code access} says (servers, credentials, TLS); {@code timeout} bounds the
     * connect and every request.
     *
     * @throws NatsUnreachableException when no server answers there
     * @throws NatsAccessException      when a credentials file is missing or malformed, the
     *                                  server refuses the credentials, or TLS fails
     */
    public static KmmClient connect(NatsAccess access, Duration timeout) {
        NatsUrl url = new NatsUrl(access.servers());
        // the server reports a refused publish only to the error listener: the watch fails the
        // waiting request at once instead of letting it time out
        PermissionWatch permissions = new PermissionWatch();
        Options.Builder options = access.options()
                .connectionName("kmm")
                .connectionTimeout(timeout)
                .noReconnect()
                .reportNoResponders();
        try {
            return new KmmClient(access.connect(options, permissions), permissions, url, timeout);
        } catch (NatsAccessException e) {
            if (e.kind() == NatsAccessException.Kind.UNREACHABLE) {
                throw new NatsUnreachableException(url.toString(), "cannot reach NATS at " + url
                        + ": is `kmm serve --nats.embed` running? (or pass --nats.url / set NATS_URL)", e);
            }
            throw e;
        }
    }

    /** Deposits {@code amount} with a description ({@code ""} for none). */
    public void deposit(String account, BigDecimal amount, String description) {
        command(account, "deposit-funds", KmmWire.write(new FundsRequest(amount, description)));
    }

    /** Withdraws {@code amount} with a description ({@code ""} for none). */
    public void withdraw(String account, BigDecimal amount, String description) {
        command(account, "withdraw-funds", KmmWire.write(new FundsRequest(amount, description)));
    }

    /** Sets the budget: at most {@code maxAmount} per {@code period} (minutely, daily, weekly, monthly). */
    public void setBudget(String account, BigDecimal maxAmount, String period) {
        command(account, "set-budget", KmmWire.write(new BudgetRequest(maxAmount, period)));
    }

    /** Removes the budget. */
    public void removeBudget(String account) {
        command(account, "remove-budget", new byte[0]);
    }

    /** The account's balance. */
    public BigDecimal balance(String account) {
        return decode(request(account, "balance", new byte[0]), BalanceReply.class).amount();
    }

    /** The last budget period that saw a withdrawal, or empty when no budget is set. */
    public Optional<BudgetPeriod> lastBudgetPeriod(String account) {
        return decode(request(account, "last-budget-period", new byte[0]), BudgetPeriodReply.class).budgetPeriod();
    }

    /**
     * Starts following the account's ledger: every deposit and withdrawal, history first, then
     * live, is passed to {@code entries} on a NATS dispatcher thread, in order; after
     * {@code max} entries the feed closes itself ({@link Long#MAX_VALUE}: follow until closed).
     *
     * <p>The delivery subject is subscribed to before the request is sent, so that nothing
     * delivered before the reply is missed.
     *
     * @return the running feed; close it to stop
     */
    public LedgerFeed ledger(String account, long max, Consumer<LedgerEntry> entries) {
        KmmSubjects.requireAccount(account);
        if (max < 1) {
            throw new IllegalArgumentException("a ledger feed needs max >= 1 entries, was " + max);
        }
        String id = NUID.nextGlobal();
        String delivery = KmmSubjects.stream(id);
        // watched from before the subscription: a refusal of it comes back asynchronously
        try (PermissionWatch.Watch subscription = permissions.watch(delivery)) {
            LedgerFeed feed = new LedgerFeed(connection, delivery, max, entries);
            try {
                // the server learns of the subscription before it can deliver anything to it
                connection.flush(timeout);
                String subject = KmmSubjects.service(account, "ledger");
                LedgerReply reply = decode(query(subject, null, KmmWire.write(new LedgerRequest(id)), subscription),
                        LedgerReply.class);
                feed.confirm(reply.subject());
                return feed;
            } catch (TimeoutException e) {
                feed.close();
                throw unreachable("NATS at " + url + " did not confirm the subscription in time", e);
            } catch (InterruptedException e) {
                feed.close();
                Thread.currentThread().interrupt();
                throw unreachable("interrupted while starting the ledger", e);
            } catch (RuntimeException e) {
                feed.close();
                throw e;
            }
        }
    }

    /** The connection's address. */
    public NatsUrl url() {
        return url;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A command succeeds with an empty reply; the Go original replies its error text without
     * headers. A command whose answer does not come in time may have been applied all the same:
     * it is sent once more with the same command id, so that the service either applies it now
     * or answers as it did the first time.
     */
    private void command(String account, String operation, byte[] body) {
        String subject = KmmSubjects.service(account, operation);
        Headers id = new Headers().put(ServiceHeaders.COMMAND_ID, NUID.nextGlobal());
        long deadline = System.nanoTime() + PERSISTENCE * timeout.toNanos();
        int timeouts = 0;
        Message reply;
        while (true) {
            try {
                reply = send(subject, id, body, null);
            } catch (TimeoutException e) {
                if (++timeouts < 2) {
                    continue;
                }
                throw unreachable("the KMM service did not answer " + subject + " within " + seconds()
                        + ", twice; the command may have been applied all the same: check with `kmm balance` or "
                        + "`kmm ledger` before you repeat it (is the service running and connected to NATS at "
                        + url + "?)", e);
            }
            if (!unavailable(reply)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new ServiceErrorException(subject, 503, "kmm: the KMM service could not store the command for "
                        + PERSISTENCE * timeout.toMillis() / 1000.0 + " s (" + text(reply) + "); it may have been "
                        + "applied all the same: check with `kmm balance` or `kmm ledger` before you repeat it");
            }
            pause();
        }
        reply = checked(subject, reply);
        remember(account, reply);
        if (reply.getData() != null && reply.getData().length > 0) {
            throw new ServiceErrorException(reply.getSubject(), 400, new String(reply.getData(), StandardCharsets.UTF_8));
        }
    }

    /** Keeps the sequence a stored command got, for the account's next queries. */
    private void remember(String account, Message reply) {
        String sequence = reply.getHeaders() == null ? null : reply.getHeaders().getFirst(ServiceHeaders.SEQUENCE);
        if (sequence != null) {
            try {
                written.merge(account, Long.parseLong(sequence.strip()), Math::max);
            } catch (NumberFormatException e) {
                // a service that is not Rita's (the Go original sends none): nothing to ask for
            }
        }
    }

    /** Whether the service answered that it cannot serve for now (503), which asking again may change. */
    private static boolean unavailable(Message reply) {
        Headers headers = reply.getHeaders();
        return headers != null && "503".equals(headers.getFirst(SERVICE_ERROR_CODE));
    }

    private static String text(Message reply) {
        return reply.getData() != null && reply.getData().length > 0
                ? new String(reply.getData(), StandardCharsets.UTF_8) : reply.getHeaders().getFirst(SERVICE_ERROR);
    }

    private void pause() {
        try {
            Thread.sleep(UNAVAILABLE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting to send a request again", e);
        }
    }

    /**
     * A query: read-only, so a timeout is simply reported; never from before this client's last
     * command on the account.
     */
    private Message request(String account, String operation, byte[] body) {
        Long after = written.get(account);
        Headers headers = after == null ? null : new Headers().put(ServiceHeaders.MIN_SEQUENCE, Long.toString(after));
        return query(KmmSubjects.service(account, operation), headers, body, null);
    }

    private Message query(String subject, Headers headers, byte[] body, PermissionWatch.Watch also) {
        long deadline = System.nanoTime() + PERSISTENCE * timeout.toNanos();
        try {
            Message reply = send(subject, headers, body, also);
            while (unavailable(reply) && System.nanoTime() < deadline) {
                pause();
                reply = send(subject, headers, body, also);
            }
            return checked(subject, reply);
        } catch (TimeoutException e) {
            throw unreachable("the KMM service did not answer " + subject + " within " + seconds()
                    + "; is it running and connected to NATS at " + url + "?", e);
        }
    }

    /**
     * One request and its reply, or at once a {@link PermissionDeniedException} when the server
     * refuses the request (or the reply inbox, or what {@code also} watches) for lack of permission.
     *
     * @param also a watch the caller started before something it did for this request (the
     *             ledger's subscription), or {@code null}
     * @throws TimeoutException when no answer came within the timeout
     */
    private Message send(String subject, Headers headers, byte[] body, PermissionWatch.Watch also)
            throws TimeoutException {
        try (PermissionWatch.Watch watch = permissions.watch(subject, inbox())) {
            CompletableFuture<Message> reply = connection.requestWithTimeout(subject, headers, body, timeout);
            CompletableFuture<?> violation = also == null ? watch.violation()
                    : CompletableFuture.anyOf(watch.violation(), also.violation());
            Object first = CompletableFuture.anyOf(reply, violation)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (first instanceof PermissionViolation refused) {
                reply.cancel(false);
                throw PermissionDeniedException.of(subject, refused, inbox());
            }
            return (Message) first;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                // how jnats ends a request whose timeout passed
                throw new TimeoutException("no answer within " + timeout);
            }
            if (e.getCause() instanceof JetStreamStatusException status && status.getStatus() != null
                    && status.getStatus().getCode() == 503) {
                throw unreachable("no KMM service answers on NATS at " + url + ": is `kmm serve` running?", e);
            }
            throw unreachable("request to " + subject + " failed: " + e.getCause().getMessage(), e);
        } catch (CancellationException e) {
            throw new TimeoutException("no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting for " + subject, e);
        }
    }

    /** The reply inbox subjects, e.g. {@code _INBOX.>}. */
    private String inbox() {
        String prefix = connection.getOptions().getInboxPrefix();
        return (prefix.endsWith(".") ? prefix : prefix + ".") + ">";
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() / 1000.0 + " s";
    }

    /** The reply, or the service's error as a {@link ServiceErrorException}. */
    private static Message checked(String subject, Message reply) {
        Headers headers = reply.getHeaders();
        String error = headers == null ? null : headers.getFirst(SERVICE_ERROR);
        if (error != null) {
            String text = reply.getData() != null && reply.getData().length > 0
                    ? new String(reply.getData(), StandardCharsets.UTF_8) : error;
            throw new ServiceErrorException(subject, code(headers.getFirst(SERVICE_ERROR_CODE)), text);
        }
        return reply;
    }

    private static int code(String text) {
        try {
            return text == null ? 500 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 500;
        }
    }

    private <T> T decode(Message reply, Class<T> type) {
        try {
            return KmmWire.read(reply.getData() == null ? new byte[0] : reply.getData(), type, "{}");
        } catch (WireFormatException e) {
            throw new ServiceErrorException(reply.getSubject(), 500, "kmm: unexpected reply from the service: "
                    + e.getMessage());
        }
    }

    private NatsUnreachableException unreachable(String message, Throwable cause) {
        return new NatsUnreachableException(url.toString(), message, cause);
    }
}

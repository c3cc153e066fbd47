package io.rita.kmm.service.client;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.NUID;
import io.nats.client.Options;
import io.rita.aggregate.CommandOptions;
import io.rita.client.ClientOptions;
import io.rita.client.CommandResult;
import io.rita.client.LiveStream;
import io.rita.client.ServiceCallException;
import io.rita.client.ServiceClient;
import io.rita.kmm.domain.BudgetPeriod;
import io.rita.kmm.domain.LedgerEntry;
import io.rita.kmm.service.AccountsReply;
import io.rita.kmm.service.BalanceReply;
import io.rita.kmm.service.BudgetPeriodReply;
import io.rita.kmm.service.BudgetRequest;
import io.rita.kmm.service.FundsRequest;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;
import io.rita.kmm.service.connect.NatsAccess;
import io.rita.kmm.service.connect.NatsAccessException;
import io.rita.service.ServiceHeaders;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The client side of KMM's protocol: one method per CLI command, speaking exactly the Go
 * original's subjects and bodies, so it works against either service. The framework's
 * {@link ServiceClient} does the talking; this class says it in KMM's words.
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

    private final ServiceClient service;
    private final NatsUrl url;
    private final Duration timeout;
    /** Per account, the sequence of the last command this client stored: its queries never answer from before. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    /** How long, in timeouts, requests are sent again while the service says it is unavailable for now. */
    private static final int PERSISTENCE = 3;
    /** The pause before sending again after such an answer. */
    private static final Duration UNAVAILABLE_PAUSE = Duration.ofMillis(250);

    private KmmClient(ServiceClient service, NatsUrl url, Duration timeout) {
        this.service = service;
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
        Options.Builder options = access.options()
                .connectionName("kmm")
                .connectionTimeout(timeout)
                .noReconnect();
        Connection connection;
        try {
            // the framework's listener turns the server's asynchronous permission violations
            // into failures of the waiting request; nothing else is reported through it
            connection = access.connect(options, ServiceClient.errorListener(new ErrorListener() { }));
        } catch (NatsAccessException e) {
            if (e.kind() == NatsAccessException.Kind.UNREACHABLE) {
                throw new NatsUnreachableException(url.toString(), "cannot reach NATS at " + url
                        + ": is `kmm serve --nats.embed` running? (or pass --nats.url / set NATS_URL)", e);
            }
            throw e;
        }
        ClientOptions clientOptions = ClientOptions.defaults().withTimeout(timeout).withJson(KmmWire.mapper())
                .withTypes(KmmWire.types());
        return new KmmClient(ServiceClient.of(connection, clientOptions), url, timeout);
    }

    /** Deposits {@code amount} with a description ({@code ""} for none). */
    public void deposit(String account, BigDecimal amount, String description) {
        command(account, "deposit-funds", new FundsRequest(amount, description));
    }

    /** Withdraws {@code amount} with a description ({@code ""} for none). */
    public void withdraw(String account, BigDecimal amount, String description) {
        command(account, "withdraw-funds", new FundsRequest(amount, description));
    }

    /** Sets the budget: at most {@code maxAmount} per {@code period} (minutely, daily, weekly, monthly). */
    public void setBudget(String account, BigDecimal maxAmount, String period) {
        command(account, "set-budget", new BudgetRequest(maxAmount, period));
    }

    /** Removes the budget. */
    public void removeBudget(String account) {
        command(account, "remove-budget", new byte[0]);
    }

    /** The account's balance. */
    public BigDecimal balance(String account) {
        return query(account, "balance", BalanceReply.class).amount();
    }

    /**
     * Every account with its balance and budget, sorted by name (a parent's overview; the service
     * answers from its accounts projection).
     *
     * @throws ServiceErrorException 503 when the service is still building the list for the first time
     *                               after three timeouts of asking again
     */
    public List<AccountsReply.Account> accounts() {
        return query(KmmSubjects.ACCOUNTS_LIST, 0, AccountsReply.class).accounts();
    }

    /** The last budget period that saw a withdrawal, or empty when no budget is set. */
    public Optional<BudgetPeriod> lastBudgetPeriod(String account) {
        return query(account, "last-budget-period", BudgetPeriodReply.class).budgetPeriod();
    }

    /**
     * Starts following the account's ledger: every deposit and withdrawal, history first, then
     * live, is passed to {@code entries} on the feed's own thread, in order; after {@code max}
     * entries the feed closes itself ({@link Long#MAX_VALUE}: follow until closed).
     *
     * @return the running feed; close it to stop
     */
    public LedgerFeed ledger(String account, long max, Consumer<LedgerEntry> entries) {
        String subject = KmmSubjects.service(account, "ledger");
        if (max < 1) {
            throw new IllegalArgumentException("a ledger feed needs max >= 1 entries, was " + max);
        }
        LiveStream stream;
        try {
            stream = service.stream(subject, KmmSubjects.STREAMS);
        } catch (ServiceCallException e) {
            throw failure(e, subject);
        }
        return new LedgerFeed(stream, max, entries, e -> failure(e, subject));
    }

    /** The connection's address. */
    public NatsUrl url() {
        return url;
    }

    @Override
    public void close() {
        service.close();
        try {
            service.connection().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A command succeeds with an empty reply; the Go original replies its error text without
     * headers, so a reply with a body is a refusal whatever its headers say.
     */
    private void command(String account, String operation, Object body) {
        String subject = KmmSubjects.service(account, operation);
        // one id for every send: a service that stored the command answers as the first time
        CommandOptions once = CommandOptions.defaults().withCommandId(NUID.nextGlobal());
        long deadline = System.nanoTime() + PERSISTENCE * timeout.toNanos();
        CommandResult result;
        while (true) {
            try {
                result = service.send(subject, body, once);
            } catch (ServiceCallException e) {
                throw failure(e, subject);
            }
            if (!(result instanceof CommandResult.Unavailable busy)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new ServiceErrorException(subject, 503, "kmm: the KMM service could not store the command for "
                        + PERSISTENCE * timeout.toMillis() / 1000.0 + " s (" + busy.message() + "); it may have been "
                        + "applied all the same: check with `kmm balance` or `kmm ledger` before you repeat it");
            }
            pause();
        }
        switch (result) {
            case CommandResult.Accepted ok when ok.body().length > 0 ->
                    throw new ServiceErrorException(subject, 400, ok.text());
            case CommandResult.Accepted ok -> remember(account, ok.sequence());
            case CommandResult.Rejected no -> throw new ServiceErrorException(subject, 400, no.message());
            case CommandResult.BadRequest bad -> throw new ServiceErrorException(subject, 400, bad.message());
            case CommandResult.Conflict stale -> throw new ServiceErrorException(subject, 409, stale.message());
            case CommandResult.NotFound missing -> throw new ServiceErrorException(subject, 404, missing.message());
            case CommandResult.Unavailable busy -> throw new ServiceErrorException(subject, 503, busy.message());
        }
    }

    /** Keeps the sequence a stored command got, for the account's next queries (the Go original sends none). */
    private void remember(String account, long sequence) {
        if (sequence > 0) {
            written.merge(account, sequence, Math::max);
        }
    }

    /**
     * A query: read-only, so a timeout is simply reported; never from before this client's last
     * command on the account; asked again for a while when the service is unavailable for now.
     */
    private <T> T query(String account, String operation, Class<T> type) {
        return query(KmmSubjects.service(account, operation), written.getOrDefault(account, 0L), type);
    }

    private <T> T query(String subject, long minSequence, Class<T> type) {
        long deadline = System.nanoTime() + PERSISTENCE * timeout.toNanos();
        while (true) {
            try {
                return service.query(subject, null, type, minSequence).state();
            } catch (ServiceCallException e) {
                if (e.kind() != ServiceCallException.Kind.UNAVAILABLE || System.nanoTime() > deadline) {
                    throw failure(e, subject);
                }
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(UNAVAILABLE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting to send a request again", null);
        }
    }

    /** The framework's failure in KMM's words, for the CLI's exit codes and messages. */
    private RuntimeException failure(ServiceCallException e, String subject) {
        return switch (e.kind()) {
            case TIMEOUT -> e.commandId() != null
                    ? unreachable("the KMM service did not answer " + subject + " within " + seconds() + ", twice; "
                    + "the command may have been applied all the same: check with `kmm balance` or `kmm ledger` "
                    + "before you repeat it (is the service running and connected to NATS at " + url + "?)", e)
                    : unreachable("the KMM service did not answer " + subject + " within " + seconds() + "; is it "
                    + "running and connected to NATS at " + url + "?", e);
            case NO_RESPONDERS -> unreachable("no KMM service answers on NATS at " + url + ": is `kmm serve` running?", e);
            case PUBLISH_DENIED, SUBSCRIBE_DENIED -> PermissionDeniedException.of(subject, e, inbox());
            case REJECTED, BAD_REQUEST, NOT_FOUND, UNAVAILABLE, FAILED ->
                    new ServiceErrorException(subject, e.code(), e.getMessage());
            case UNREADABLE -> new ServiceErrorException(subject, 500, "kmm: unexpected reply from the service: "
                    + e.getMessage());
            case GAP -> new ServiceErrorException(subject, 500, "kmm: " + e.getMessage());
            case CONNECTION -> unreachable(e.getMessage(), e);
            case INTERRUPTED -> unreachable("interrupted while waiting for " + subject, e);
        };
    }

    /** The reply inbox subjects, e.g. {@code _INBOX.>}. */
    private String inbox() {
        String prefix = service.connection().getOptions().getInboxPrefix();
        return (prefix.endsWith(".") ? prefix : prefix + ".") + ">";
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() / 1000.0 + " s";
    }

    private NatsUnreachableException unreachable(String message, Throwable cause) {
        return new NatsUnreachableException(url.toString(), message, cause);
    }
}

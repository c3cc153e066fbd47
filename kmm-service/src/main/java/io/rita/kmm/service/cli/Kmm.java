package io.rita.kmm.service.cli;

import io.rita.kmm.service.KmmStartException;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUnreachableException;
import io.rita.kmm.service.client.ServiceErrorException;
import io.rita.kmm.service.connect.NatsAccessException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code kmm} program: Kids Money Manager's service ({@code kmm serve}) and its client
 * commands in one executable.
 *
 * <pre>{@code
 * kmm serve --nats.embed                 # service + its own nats-server on 127.0.0.1:4837
 * kmm deposit susie 20 'grass mowing'
 * kmm balance susie                      # 20
 * kmm accounts                           # every account, its balance and budget
 * kmm demo                               # the seed's whole session, in one go
 * }</pre>
 *
 * <p>Exit codes: {@value #OK} success; {@value #REFUSED} the service refused the request (the
 * reason is on standard error, also when the NATS server refused it for lack of permission);
 * {@value #USAGE} bad arguments; {@value #UNREACHABLE} no NATS server or no service to answer,
 * credentials or TLS that do not let it connect.
 */
@Command(name = "kmm", mixinStandardHelpOptions = true, versionProvider = KmmVersion.class,
        description = "Kids Money Manager: parents deposit and set a budget, kids withdraw within it.",
        subcommands = {ServeCommand.class, AccountCommands.Deposit.class, AccountCommands.Withdraw.class,
                AccountCommands.SetBudget.class, AccountCommands.RemoveBudget.class, AccountCommands.Balance.class,
                AccountsCommand.class, LastBudgetPeriodCommand.class, LedgerCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"%nQuick start:",
                "  kmm demo                 the seed's session, against a fresh embedded server",
                "  kmm serve --nats.embed   the service and its own nats-server; keep it running",
                "  kmm deposit susie 20 'grass mowing'",
                "  kmm balance susie",
                "%nExit codes:",
                "  0 ok, 1 refused by the service, 2 bad arguments,",
                "  3 NATS or the service unreachable, credentials or TLS refused, or serve could not start",
                "%nConnecting (every command): --nats.url, --nats.creds FILE, --nats.context NAME,",
                "or NATS_URL, NATS_CREDS, NATS_CONTEXT; see docs/kmm.md"})
public final class Kmm implements Callable<Integer> {

    /** Success. */
    public static final int OK = 0;
    /** The service refused the request; the reason is on standard error. */
    public static final int REFUSED = 1;
    /** Bad command-line arguments. */
    public static final int USAGE = 2;
    /** No NATS server, or no KMM service, answered. */
    public static final int UNREACHABLE = 3;

    @Spec CommandSpec spec;

    /** Runs the program and exits with its exit code. */
    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args));
    }

    /**
     * A command-line program's standard error is for what its user must act on: the framework's
     * INFO lines (a projection caught up, a stream adopted) are for operators who ask for them,
     * with {@code -Djava.util.logging.config.file=...} (through {@code KMM_JAVA_OPTS} with bin/kmm).
     * Warnings and errors still show.
     */
    static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
    }

    /** Runs the program on the process's standard output and error; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the program writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new Kmm())
                .setOut(out)
                .setErr(err)
                // "kmm withdraw susie -5" must reach the service, which explains why -5 is refused
                .setUnmatchedOptionsArePositionalParams(true)
                .setExecutionExceptionHandler(Kmm::report)
                .setParameterExceptionHandler(Kmm::usage);
        return line.execute(args);
    }

    /** {@code kmm} alone: shows the usage and fails, as no command was named. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** Connects a client command after checking the account name, so nothing is sent for a bad one. */
    static KmmClient connect(ClientOptions client, String account) {
        KmmSubjects.requireAccount(account);
        return client.connect();
    }

    /** A bad argument: the reason and where to read more, without the whole usage text. */
    private static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("kmm: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("see: " + line.getCommandSpec().qualifiedName() + " --help");
        return USAGE;
    }

    private static int report(Exception e, CommandLine line, CommandLine.ParseResult parsed) throws Exception {
        PrintWriter err = line.getErr();
        switch (e) {
            case ServiceErrorException unavailable when unavailable.code() == 503 -> {
                // the service answered, but its store did not for three timeouts: not a refusal of this
                // request, something to wait out like an unreachable service
                err.println(unavailable.getMessage());
                return UNREACHABLE;
            }
            case ServiceErrorException refused -> {
                err.println(refused.getMessage());
                return REFUSED;
            }
            case NatsUnreachableException unreachable -> {
                err.println("kmm: " + unreachable.getMessage());
                return UNREACHABLE;
            }
            case NatsAccessException access -> {
                err.println("kmm: " + access.getMessage());
                return UNREACHABLE;
            }
            case KmmStartException start -> {
                err.println("kmm: " + start.getMessage());
                return UNREACHABLE;
            }
            case IllegalArgumentException bad -> {
                err.println("kmm: " + bad.getMessage());
                return USAGE;
            }
            default -> throw e;
        }
    }
}

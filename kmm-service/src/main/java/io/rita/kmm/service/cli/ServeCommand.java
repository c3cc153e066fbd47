package io.rita.kmm.service.cli;

import io.rita.kmm.service.KmmServer;
import io.rita.kmm.service.KmmServerOptions;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.web.WebPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code kmm serve [--nats.embed]}: hosts every KMM endpoint until Ctrl-C; with
 * {@code --nats.embed} it first starts its own nats-server with JetStream. Exits 0 after a
 * stop it was asked for, 3 when it cannot start or its embedded nats-server dies.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve KMM's commands, queries and ledger streams on NATS until Ctrl-C.",
        footer = {"%nExamples:",
                "  kmm serve --nats.embed              own nats-server on 127.0.0.1:4837",
                "  kmm serve --nats.url 10.0.0.5:4222  an existing nats-server -js",
                "  kmm serve --nats.embed --http.addr 8080",
                "                                      and the family's web page on",
                "                                      http://127.0.0.1:8080/ (no login)",
                "  kmm serve --nats.context kmm        its url and credentials from a nats context",
                "  kmm serve --nats.url n1:4222,n2:4222,n3:4222 --replicas 3",
                "                                      a 3-node cluster, store on all three",
                "  kmm serve --nats.embed --nats.users family.txt   parents and kids only",
                "%nSeveral `kmm serve` on one nats-server share the load;",
                "budgets hold across them."})
final class ServeCommand implements Callable<Integer> {

    /** The first line {@code kmm serve} prints once requests are served; tests wait for it. */
    static final String READY = "kmm: serving on ";
    /** The line after {@link #READY} with {@code --http.addr}: where the web page is. */
    static final String PAGE = "kmm: web page on ";

    @Option(names = "--nats.embed", description = "start a nats-server with JetStream as a child process first "
            + "(on 127.0.0.1, port --nats.port, data in --data-dir) and stop it on exit")
    boolean embed;

    @Mixin ConnectionOptions nats;

    @Option(names = "--nats.users", paramLabel = "FILE", description = "with --nats.embed: let in only these parents "
            + "and kids (lines 'parent|kid <user> <password> [accounts]'), each with their permissions")
    Path users;

    @Option(names = "--nats.port", paramLabel = "PORT", defaultValue = "" + KmmServerOptions.DEFAULT_PORT,
            description = "port of the embedded nats-server; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:KMM_DATA_DIR:-${sys:user.home}/.kmm/nats}",
            description = "store directory of the embedded nats-server; kept across restarts "
                    + "(env KMM_DATA_DIR; default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--http.addr", paramLabel = "HOST:PORT", converter = HttpAddressConverter.class,
            description = "serve the family's web page here (default: off); PORT or :PORT alone means 127.0.0.1, "
                    + "port 0 a free one. It has no login: whoever reaches the address may deposit and withdraw")
    InetSocketAddress httpAddress;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = "on a NATS cluster: how many servers keep a copy of KMM's store, 1 to 5 (default: "
                    + "${DEFAULT-VALUE}; 3 survives the loss of a server). A new store is created so; an existing one "
                    + "with fewer copies gets more, never fewer")
    int replicas;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = ZoneConverter.SYSTEM, converter = ZoneConverter.class,
            description = "time zone of budget periods: days start at its midnight, weeks on its Mondays "
                    + "(default: the local zone, from TZ)")
    ZoneId zone;

    /**
     * For tests only: a clock that stands still at this instant, so that every event gets the
     * same time and a test's budget windows do not depend on when it runs (a minutely budget
     * would otherwise roll over between two slow process starts). Hidden from the help.
     */
    @Option(names = "--fixed-clock", paramLabel = "INSTANT", hidden = true,
            description = "for tests only: every event gets this time, e.g. 2022-05-30T13:41:53Z")
    Instant fixedClock;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Clock clock = fixedClock == null ? Clock.systemUTC() : Clock.fixed(fixedClock, ZoneOffset.UTC);
        KmmServerOptions options = new KmmServerOptions(embed ? null : nats.access(), embed, port,
                dataDir.toAbsolutePath(), zone, clock, EmbeddedUsers.family(embed, users, nats), replicas);
        // a JVM shutdown (Ctrl-C, SIGTERM) stops the server through its own hook, in order
        KmmServer server = KmmServer.start(options);
        WebPage page = null;
        if (httpAddress != null) {
            try {
                page = server.openPage(httpAddress);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(READY + server.url() + " (store " + KmmSubjects.STORE
                + (embed ? ", embedded nats-server with data in " + server.dataDir() : "")
                + (replicas > 1 ? ", " + replicas + " replicas" : "")
                + ", budget periods in " + zone + "); Ctrl-C to stop");
        if (page != null) {
            out.println(PAGE + page.url() + (page.address().getAddress().isLoopbackAddress()
                    ? " (this machine only; no login)"
                    : " (no login: anyone who can reach this address can deposit and withdraw)"));
        }
        out.flush();
        Optional<String> failure = server.awaitStop();
        if (failure.isPresent()) {
            spec.commandLine().getErr().println("kmm: " + failure.get());
            return Kmm.UNREACHABLE;
        }
        return Kmm.OK;
    }
}

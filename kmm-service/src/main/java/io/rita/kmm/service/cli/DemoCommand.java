package io.rita.kmm.service.cli;

import io.rita.kmm.service.KmmServer;
import io.rita.kmm.service.KmmServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/**
 * {@code kmm demo}: the seed article's session in one go, against a fresh embedded nats-server,
 * printed like a terminal transcript; then everything is stopped and the data removed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the seed's session (deposits, balance, withdrawal, ledger, budget) against a fresh "
                + "embedded nats-server, print it like a terminal transcript, then stop and clean up.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = ZoneConverter.SYSTEM, converter = ZoneConverter.class,
            description = "time zone of budget periods and of the times shown (default: the local zone, from TZ)")
    ZoneId zone;

    @Option(names = "--keep-data", description = "keep the demo's nats-server data directory instead of deleting it")
    boolean keepData;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = Files.createTempDirectory("kmm-demo-");
        int failures;
        // a free port, so that the demo never collides with a `kmm serve --nats.embed` on 4837
        KmmServerOptions options = new KmmServerOptions(null, true, 0, dataDir, zone, Clock.systemUTC());
        try (KmmServer server = KmmServer.start(options)) {
            out.println("$ kmm serve --nats.embed          # started in-process: " + server.url() + ", data in " + dataDir);
            out.println("# (the client commands below reach it with --nats.url=" + server.url() + ")");
            out.println();
            failures = new DemoSession(out, spec.commandLine().getErr(), server.url(), zone).run(this::freshMinute);
            out.println();
            out.println("# stopping the service and its nats-server");
        } finally {
            if (!keepData) {
                DemoSession.deleteTree(dataDir);
            }
        }
        out.flush();
        return failures == 0 ? Kmm.OK : Kmm.REFUSED;
    }

    /**
     * The budget part of the session expects its withdrawals to fall into one clock minute (the
     * budget is minutely); near the end of a minute it waits for the next one to begin.
     */
    private void freshMinute(PrintWriter out) throws InterruptedException {
        LocalTime now = LocalTime.now(zone);
        if (now.getSecond() >= 50) {
            long wait = (60 - now.getSecond()) * 1000L - now.getNano() / 1_000_000 + 100;
            out.println("# waiting " + (wait / 1000 + 1) + " s for a new minute, so that the minutely budget below "
                    + "sees its withdrawals in one window");
            out.flush();
            Thread.sleep(wait);
        }
    }
}

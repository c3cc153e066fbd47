package io.rita.kmm.service.cli;

import io.rita.kmm.domain.LedgerEntry;
import io.rita.kmm.service.KmmWire;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.LedgerFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/**
 * {@code kmm ledger <account>}: prints the account's deposits and withdrawals, history first,
 * then live as they happen, until Ctrl-C (or {@code --max} entries).
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the account's deposits and withdrawals, history first, then new ones as they "
                + "happen, until Ctrl-C.",
        footer = {"%nExample:", "  kmm ledger susie", "  +20 | Mon May 30 13:41:53 2022 | grass mowing",
                "  +10 | Mon May 30 13:42:02 2022 | allowance", "  -7.5 | Mon May 30 13:43:13 2022 | baseball cards"})
final class LedgerCommand implements Callable<Integer> {

    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<account>", description = "account name: one word, no '.', '*', '>'")
    String account;
    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = ZoneConverter.SYSTEM, converter = ZoneConverter.class,
            description = "time zone to show times in (default: the local zone, from TZ)")
    ZoneId zone;
    @Option(names = "--max", paramLabel = "N", description = "stop after N entries instead of following until Ctrl-C")
    Long max;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (max != null && max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, was " + max);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KmmClient kmm = Kmm.connect(client, account);
             LedgerFeed feed = kmm.ledger(account, max == null ? Long.MAX_VALUE : max, entry -> {
                 out.println(line(entry, zone));
                 out.flush();
             })) {
            feed.await();
        }
        return Kmm.OK;
    }

    /** {@code +20 | Mon May 30 13:41:53 2022 | grass mowing}. */
    static String line(LedgerEntry entry, ZoneId zone) {
        String amount = (entry.amount().signum() < 0 ? "-" : "+") + KmmWire.decimal(entry.amount().abs());
        return amount + " | " + TerminalTime.format(entry.time(), zone) + " | " + entry.description();
    }
}

package io.rita.kmm.service.cli;

import io.rita.kmm.domain.BudgetPeriod;
import io.rita.kmm.service.KmmWire;
import io.rita.kmm.service.client.KmmClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code kmm last-budget-period <account>}: the last budget period that saw a withdrawal. */
@Command(name = "last-budget-period", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the last budget period that saw a withdrawal: start, end, number of withdrawals, "
                + "total withdrawn; or 'no budget set'.",
        footer = {"%nExample:", "  kmm last-budget-period susie", "  period start: Mon May 30 13:45:00 2022",
                "  period end: Mon May 30 13:46:00 2022", "  withdrawals: 2", "  total withdrawn: 11.75"})
final class LastBudgetPeriodCommand implements Callable<Integer> {

    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<account>", description = "account name: one word, no '.', '*', '>'")
    String account;
    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = ZoneConverter.SYSTEM, converter = ZoneConverter.class,
            description = "time zone to show times in (default: the local zone, from TZ)")
    ZoneId zone;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Optional<BudgetPeriod> period;
        try (KmmClient kmm = Kmm.connect(client, account)) {
            period = kmm.lastBudgetPeriod(account);
        }
        PrintWriter out = spec.commandLine().getOut();
        period.ifPresentOrElse(p -> {
            out.println("period start: " + TerminalTime.format(p.periodStartTime(), zone));
            out.println("period end: " + TerminalTime.format(p.nextPeriodStartTime(), zone));
            out.println("withdrawals: " + p.withdrawalsInPeriod());
            out.println("total withdrawn: " + KmmWire.decimal(p.fundsWithdrawnInPeriod()));
        }, () -> out.println("no budget set"));
        return Kmm.OK;
    }
}

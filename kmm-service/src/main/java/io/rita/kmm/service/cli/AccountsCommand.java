package io.rita.kmm.service.cli;

import io.rita.kmm.service.AccountsReply;
import io.rita.kmm.service.KmmWire;
import io.rita.kmm.service.client.KmmClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kmm accounts}: every account with its balance and budget, for a parent who looks after several kids. */
@Command(name = "accounts", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List every account with its balance and budget (parent).",
        footer = {"%nExample:", "  kmm accounts", "  account  balance  budget", "  bobby    12.5     20 weekly",
                "  susie    22.5     none"})
final class AccountsCommand implements Callable<Integer> {

    private static final String[] HEADINGS = {"account", "balance", "budget"};

    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        List<AccountsReply.Account> accounts;
        try (KmmClient kmm = client.connect()) {
            accounts = kmm.accounts();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (accounts.isEmpty()) {
            out.println("no accounts yet: the first deposit opens one (kmm deposit <account> <amount>)");
            return Kmm.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (AccountsReply.Account account : accounts) {
            rows.add(new String[] {account.account(), KmmWire.decimal(account.balance()),
                    account.budget() == null ? "none"
                            : KmmWire.decimal(account.budget().maxAmount()) + " " + account.budget().period()});
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line);
        }
        return Kmm.OK;
    }
}

package io.rita.kmm.service.cli;

import io.rita.kmm.service.KmmWire;
import io.rita.kmm.service.client.KmmClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The client commands that change an account or read its balance. Each connects, sends one
 * request, prints what the seed's session shows (nothing, or the balance) and exits 0; a refusal
 * is printed on standard error by {@link Kmm} and exits non-zero.
 */
final class AccountCommands {

    private AccountCommands() {
    }

    /** Joins the words of a description given without quotes; {@code ""} when none. */
    static String words(List<String> words) {
        return words == null ? "" : String.join(" ", words);
    }

    /** What deposit and withdraw share: an account, an amount and a description of any words. */
    abstract static class FundsCommand implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "<account>", description = "account name: one word, no '.', '*', '>'")
        String account;
        @Parameters(index = "1", paramLabel = "<amount>", converter = DecimalConverter.class,
                description = "amount greater than zero, e.g. 7.50")
        BigDecimal amount;
        @Parameters(index = "2..*", paramLabel = "<description>", arity = "0..*", description = "what it is for")
        List<String> description;

        /** Sends the command; a refusal surfaces as an exception that {@link Kmm} prints. */
        abstract void send(KmmClient kmm);

        @Override
        public Integer call() {
            try (KmmClient kmm = Kmm.connect(client, account)) {
                send(kmm);
            }
            return Kmm.OK;
        }
    }

    @Command(name = "deposit", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Deposit funds into an account (parent).",
            footer = "%nExample:%n  kmm deposit susie 20 'grass mowing'")
    static final class Deposit extends FundsCommand {
        @Override
        void send(KmmClient kmm) {
            kmm.deposit(account, amount, words(description));
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Withdraw funds from an account (kid), within the balance and the budget.",
            footer = "%nExample:%n  kmm withdraw susie 7.50 'baseball cards'")
    static final class Withdraw extends FundsCommand {
        @Override
        void send(KmmClient kmm) {
            kmm.withdraw(account, amount, words(description));
        }
    }

    @Command(name = "set-budget", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Set or change the account's budget: the most that may be withdrawn per period (parent).",
            footer = "%nExample:%n  kmm set-budget susie 20 minutely")
    static final class SetBudget implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "<account>", description = "account name: one word, no '.', '*', '>'")
        String account;
        @Parameters(index = "1", paramLabel = "<max-amount>", converter = DecimalConverter.class,
                description = "the most that may be withdrawn per period, 0 or more")
        BigDecimal maxAmount;
        @Parameters(index = "2", paramLabel = "<period>", description = "minutely, daily, weekly or monthly")
        String period;

        @Override
        public Integer call() {
            try (KmmClient kmm = Kmm.connect(client, account)) {
                kmm.setBudget(account, maxAmount, period);
            }
            return Kmm.OK;
        }
    }

    @Command(name = "remove-budget", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Remove the account's budget (parent).",
            footer = "%nExample:%n  kmm remove-budget susie")
    static final class RemoveBudget implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "<account>", description = "account name: one word, no '.', '*', '>'")
        String account;

        @Override
        public Integer call() {
            try (KmmClient kmm = Kmm.connect(client, account)) {
                kmm.removeBudget(account);
            }
            return Kmm.OK;
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Print the account's balance.",
            footer = "%nExample:%n  kmm balance susie%n  30")
    static final class Balance implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "<account>", description = "account name: one word, no '.', '*', '>'")
        String account;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (KmmClient kmm = Kmm.connect(client, account)) {
                spec.commandLine().getOut().println(KmmWire.decimal(kmm.balance(account)));
            }
            return Kmm.OK;
        }
    }
}

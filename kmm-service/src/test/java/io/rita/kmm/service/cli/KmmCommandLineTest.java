package io.rita.kmm.service.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself, in process: help, argument checks, and what happens without a server. */
class KmmCommandLineTest {

    /**
     * An address where nothing listens: a client that tried to connect would exit 3, not 2. Port 1
     * (tcpmux), not a port just found free: that one is in the range nats-servers of tests running
     * in another JVM at the same time take theirs from.
     */
    private static final String NOWHERE = "--nats.url=127.0.0.1:1";

    private record Run(int exitCode, String out, String err) {
    }

    private static Run kmm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "deposit", "withdraw", "set-budget", "remove-budget", "balance",
            "last-budget-period", "ledger", "accounts", "demo"})
    void every_command_explains_itself_with_help(String command) {
        Run help = kmm(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: kmm " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"su.sie", "*", ">", "su sie", ""})
    void refuses_an_account_that_is_not_one_word_before_connecting(String account) {
        Run refused = kmm("deposit", account, "5", NOWHERE);

        assertThat(refused.exitCode()).isEqualTo(Kmm.USAGE);
        assertThat(refused.err()).isEqualTo("kmm: account must be one word without '.', '*', '>' or whitespace, was '"
                + account + "'" + System.lineSeparator());
    }

    @Test
    void refuses_an_amount_that_is_not_a_number_before_connecting() {
        Run refused = kmm("withdraw", "susie", "ten", NOWHERE);

        assertThat(refused.exitCode()).isEqualTo(Kmm.USAGE);
        assertThat(refused.err()).contains("'ten' is not a decimal number (e.g. 7.5)", "see: kmm withdraw --help");
    }

    @Test
    void reports_a_missing_nats_server_with_a_hint_and_exit_3() {
        Run unreachable = kmm("balance", "susie", NOWHERE);

        assertThat(unreachable.exitCode()).isEqualTo(Kmm.UNREACHABLE);
        assertThat(unreachable.err()).startsWith("kmm: cannot reach NATS at nats://127.0.0.1:")
                .contains("is `kmm serve --nats.embed` running?");
    }

    @Test
    void without_a_command_shows_the_usage_and_fails() {
        Run bare = kmm();

        assertThat(bare.exitCode()).isEqualTo(Kmm.USAGE);
        assertThat(bare.err()).startsWith("Usage: kmm").contains("kmm demo");
    }

    @Test
    void refuses_an_unknown_command() {
        Run unknown = kmm("pay", "susie", "5");

        assertThat(unknown.exitCode()).isEqualTo(Kmm.USAGE);
    }
}

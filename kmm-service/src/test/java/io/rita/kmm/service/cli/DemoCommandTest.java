package io.rita.kmm.service.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kmm demo}, the README's quick start, runs the seed's session end to end. */
class DemoCommandTest {

    @Test
    void runs_the_seed_session_against_a_fresh_embedded_server() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true), "demo");

        List<String> lines = out.toString().lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(lines).containsSubsequence(
                "$ kmm balance susie", "30",
                "$ kmm withdraw susie 7.50 'baseball cards'",
                "$ kmm ledger susie --max 3",
                "$ kmm set-budget susie 20 minutely",
                "$ kmm withdraw susie 10 'video game'",
                "kmm: withdrawal would exceed max amount allowed in current period",
                "$ kmm last-budget-period susie",
                "withdrawals: 2", "total withdrawn: 11.75",
                "$ kmm remove-budget susie",
                "$ kmm last-budget-period susie", "no budget set",
                "$ kmm balance susie", "18.25",
                "$ kmm deposit bobby 5 'pocket money'",
                "$ kmm accounts", "account  balance  budget", "bobby    55       none", "susie    18.25    none");
        assertThat(lines).anyMatch(l -> l.matches("-7\\.5 \\| .* \\| baseball cards"))
                .anyMatch(l -> l.matches("\\+5 \\| .* \\| pocket money"));
    }
}

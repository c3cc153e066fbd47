package io.rita.kmm.service.cli;

import io.rita.kmm.domain.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTimeTest {

    @Test
    void prints_go_ansic_in_the_given_zone() {
        assertThat(TerminalTime.format(Instant.parse("2022-05-30T17:41:53Z"), ZoneId.of("America/New_York")))
                .isEqualTo("Mon May 30 13:41:53 2022");
    }

    @Test
    void pads_a_one_digit_day_with_a_space_like_go() {
        assertThat(TerminalTime.format(Instant.parse("2022-05-02T13:41:53Z"), ZoneOffset.UTC))
                .isEqualTo("Mon May  2 13:41:53 2022");
    }

    @Test
    void prints_a_deposit_with_a_plus_and_a_withdrawal_with_a_minus() {
        Instant time = Instant.parse("2022-05-30T13:43:13Z");

        assertThat(LedgerCommand.line(new LedgerEntry(new BigDecimal("20"), time, "grass mowing"), ZoneOffset.UTC))
                .isEqualTo("+20 | Mon May 30 13:43:13 2022 | grass mowing");
        assertThat(LedgerCommand.line(new LedgerEntry(new BigDecimal("-7.50"), time, "baseball cards"), ZoneOffset.UTC))
                .isEqualTo("-7.5 | Mon May 30 13:43:13 2022 | baseball cards");
    }
}

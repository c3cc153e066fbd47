package io.rita.kmm.service;

import io.rita.kmm.domain.BudgetPeriod;
import io.rita.kmm.domain.BudgetSet;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.kmm.domain.FundsWithdrawn;
import io.rita.kmm.domain.Period;
import io.nats.client.impl.Headers;
import io.rita.types.CodecException;
import io.rita.types.Encoded;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KmmWireTest {

    private static String json(Object value) {
        return new String(KmmWire.write(value), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writes_a_funds_request_with_go_field_names_and_trimmed_amount() {
        assertThat(json(new FundsRequest(new BigDecimal("7.50"), "baseball cards")))
                .isEqualTo("{\"Amount\":\"7.5\",\"Description\":\"baseball cards\"}");
    }

    @Test
    void writes_a_budget_request_as_the_original_does() {
        assertThat(json(new BudgetRequest(new BigDecimal("20"), "minutely")))
                .isEqualTo("{\"MaxAmount\":\"20\",\"Period\":\"minutely\"}");
    }

    @Test
    void writes_whole_amounts_in_plain_notation() {
        assertThat(KmmWire.decimal(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(KmmWire.decimal(new BigDecimal("30.00"))).isEqualTo("30");
        assertThat(KmmWire.decimal(BigDecimal.ZERO.setScale(2))).isEqualTo("0");
    }

    @Test
    void keeps_a_huge_exponent_short_instead_of_expanding_it() {
        assertThat(KmmWire.decimal(new BigDecimal("1e999999"))).isEqualTo("1E+999999");
    }

    @Test
    void reads_an_amount_from_a_json_number_exactly() {
        FundsRequest request = KmmWire.read(bytes("{\"Amount\":0.1}"), FundsRequest.class, "");
        assertThat(request.amount()).isEqualByComparingTo("0.1").hasToString("0.1");
    }

    @Test
    void reads_field_names_without_regard_to_case_like_go() {
        FundsRequest request = KmmWire.read(bytes("{\"amount\":\"5\",\"DESCRIPTION\":\"x\"}"), FundsRequest.class, "");
        assertThat(request).isEqualTo(new FundsRequest(new BigDecimal("5"), "x"));
    }

    @Test
    void takes_a_missing_description_as_empty() {
        assertThat(KmmWire.read(bytes("{\"Amount\":\"5\"}"), FundsRequest.class, "").description()).isEmpty();
    }

    @Test
    void refuses_an_amount_that_is_not_a_number_naming_the_field() {
        assertThatThrownBy(() -> KmmWire.read(bytes("{\"Amount\":\"ten\"}"), FundsRequest.class, ""))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("Amount must be a decimal number like \"7.5\", was \"ten\"");
    }

    @Test
    void refuses_a_ten_thousand_digit_amount_before_parsing_it() {
        String digits = "9".repeat(10_000);
        assertThatThrownBy(() -> KmmWire.read(bytes("{\"Amount\":\"" + digits + "\"}"), FundsRequest.class, ""))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("at most 100 characters");
        assertThatThrownBy(() -> KmmWire.read(bytes("{\"Amount\":" + digits + "}"), FundsRequest.class, ""))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void refuses_malformed_json_with_an_example_of_the_right_shape() {
        assertThatThrownBy(() -> KmmWire.read(bytes("{\"Amount\":"), FundsRequest.class, FundsRequest.EXAMPLE))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("request body is not valid JSON")
                .hasMessageEndingWith(FundsRequest.EXAMPLE);
    }

    @Test
    void refuses_an_empty_body() {
        assertThatThrownBy(() -> KmmWire.read(new byte[0], FundsRequest.class, FundsRequest.EXAMPLE))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("request body must be a JSON object like " + FundsRequest.EXAMPLE);
    }

    @Test
    void encodes_a_deposit_event_in_the_go_shape() {
        Encoded encoded = KmmWire.types().encode(null, new FundsDeposited(new BigDecimal("20"), "grass mowing",
                Instant.parse("2022-05-30T13:41:53Z")));
        assertThat(encoded.type()).isEqualTo("funds-deposited");
        assertThat(new String(encoded.data(), StandardCharsets.UTF_8))
                .isEqualTo("{\"Amount\":\"20\",\"Description\":\"grass mowing\",\"Time\":\"2022-05-30T13:41:53Z\"}");
    }

    @Test
    void writes_times_with_nanoseconds_trimmed_like_rfc3339nano() {
        Encoded encoded = KmmWire.types().encode(null, new FundsWithdrawn(new BigDecimal("7.5"), "",
                Instant.parse("2022-05-19T11:18:12.707985190Z"), true));
        assertThat(new String(encoded.data(), StandardCharsets.UTF_8))
                .contains("\"Time\":\"2022-05-19T11:18:12.70798519Z\"", "\"PeriodChanged\":true");
    }

    @Test
    void reads_an_event_written_by_go_with_a_local_offset() {
        String go = "{\"MaxWithdrawAmount\":\"20\",\"Period\":\"minutely\","
                + "\"PolicyStartTime\":\"2022-05-30T09:45:05.123-04:00\","
                + "\"PeriodStartTime\":\"2022-05-30T09:45:00-04:00\",\"NextPeriodStartTime\":\"2022-05-30T09:46:00-04:00\"}";
        Object event = KmmWire.types().decode("budget-set", "json", 1, bytes(go)).orElseThrow();
        assertThat(event).isEqualTo(new BudgetSet(new BigDecimal("20"), Period.MINUTELY,
                Instant.parse("2022-05-30T13:45:05.123Z"), Instant.parse("2022-05-30T13:45:00Z"),
                Instant.parse("2022-05-30T13:46:00Z")));
    }

    @Test
    void reads_the_account_event_of_a_stored_message_by_its_headers() {
        Headers headers = new Headers().put("rita-type", "funds-deposited").put("rita-codec", "json");
        byte[] data = bytes("{\"Amount\":\"20\",\"Description\":\"\",\"Time\":\"2022-05-30T13:41:53Z\"}");

        assertThat(KmmWire.event(headers, data)).contains(new FundsDeposited(new BigDecimal("20"), "",
                Instant.parse("2022-05-30T13:41:53Z")));
        assertThat(KmmWire.event(headers.put("rita-version", "1"), data)).isPresent();
        assertThat(KmmWire.event(null, data)).isEmpty();
        assertThat(KmmWire.event(new Headers().put("rita-type", "mystery-event"), data)).isEmpty();
    }

    @Test
    void refuses_a_stored_message_of_a_version_it_does_not_know() {
        byte[] data = bytes("{}");

        assertThatThrownBy(() -> KmmWire.event(new Headers().put("rita-type", "funds-deposited")
                .put("rita-version", "2"), data)).isInstanceOf(CodecException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> KmmWire.event(new Headers().put("rita-type", "funds-deposited")
                .put("rita-version", "two"), data)).isInstanceOf(CodecException.class).hasMessageContaining("'two'");
    }

    @Test
    void registers_the_four_event_types_of_the_spec() {
        assertThat(KmmWire.types().names())
                .containsExactlyInAnyOrder("funds-deposited", "funds-withdrawn", "budget-set", "budget-removed");
    }

    @Test
    void sends_go_zero_values_when_no_budget_is_set() {
        assertThat(json(BudgetPeriodReply.of(Optional.empty()))).isEqualTo("{\"PolicyPeriod\":\"\","
                + "\"PolicyStartTime\":\"0001-01-01T00:00:00Z\",\"PolicyMaxWithdrawAmount\":\"0\",\"WithdrawalsInPeriod\":0,"
                + "\"FundsWithdrawnInPeriod\":\"0\",\"PeriodStartTime\":\"0001-01-01T00:00:00Z\","
                + "\"NextPeriodStartTime\":\"0001-01-01T00:00:00Z\"}");
    }

    @Test
    void tells_a_budget_of_zero_from_no_budget() {
        BudgetPeriod zero = new BudgetPeriod(Period.DAILY, Instant.parse("2022-05-30T13:45:05Z"), BigDecimal.ZERO, 0,
                BigDecimal.ZERO, Instant.parse("2022-05-30T00:00:00Z"), Instant.parse("2022-05-31T00:00:00Z"));
        BudgetPeriodReply sent = KmmWire.read(KmmWire.write(BudgetPeriodReply.of(Optional.of(zero))),
                BudgetPeriodReply.class, "");
        BudgetPeriodReply none = KmmWire.read(KmmWire.write(BudgetPeriodReply.of(Optional.empty())),
                BudgetPeriodReply.class, "");
        assertThat(sent.budgetPeriod()).contains(zero);
        assertThat(none.budgetPeriod()).isEmpty();
    }

    @Test
    void writes_the_ledger_messages_with_lower_case_names() {
        assertThat(json(new LedgerRequest("abc"))).isEqualTo("{\"id\":\"abc\"}");
        assertThat(json(new LedgerReply("kmm.streams.abc"))).isEqualTo("{\"subject\":\"kmm.streams.abc\"}");
    }
}

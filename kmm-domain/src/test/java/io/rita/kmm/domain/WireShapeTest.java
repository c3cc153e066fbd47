package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.money;
import static io.rita.kmm.domain.Accounts.utc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

/**
 * The domain's records need no JSON annotations: a mapper configured the way the package
 * documentation says (upper-camel-case names, enums by {@code toString()}, java.time) reads and
 * writes the Go original's event shapes. Jackson is only on the test classpath here.
 */
class WireShapeTest {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Test
    void reads_a_withdrawal_written_by_the_go_original() throws Exception {
        String json = """
                {"Amount":"7.5","Description":"baseball cards","Time":"2022-05-30T09:43:13.70798519-04:00","PeriodChanged":false}""";

        assertThat(mapper.readValue(json, FundsWithdrawn.class)).isEqualTo(new FundsWithdrawn(
                money("7.5"), "baseball cards", utc("2022-05-30T13:43:13.70798519"), false));
    }

    @Test
    void writes_a_budget_with_go_field_names_and_the_wire_period_name() throws Exception {
        BudgetSet event = new BudgetSet(money("20"), Period.MINUTELY, utc("2022-05-30T13:45:02"),
                utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00"));

        assertThat(mapper.writeValueAsString(event)).isEqualTo("""
                {"MaxWithdrawAmount":20,"Period":"minutely","PolicyStartTime":"2022-05-30T13:45:02Z",\
                "PeriodStartTime":"2022-05-30T13:45:00Z","NextPeriodStartTime":"2022-05-30T13:46:00Z"}""");
    }

    @Test
    void round_trips_a_budget() throws Exception {
        BudgetSet event = new BudgetSet(money("0"), Period.WEEKLY, utc("2022-05-30T13:45:02"),
                utc("2022-05-30T00:00:00"), utc("2022-06-06T00:00:00"));

        assertThat(mapper.readValue(mapper.writeValueAsBytes(event), BudgetSet.class)).isEqualTo(event);
    }
}

package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.BERLIN;
import static io.rita.kmm.domain.Accounts.NEW_YORK;
import static io.rita.kmm.domain.Accounts.UTC;
import static io.rita.kmm.domain.Accounts.utc;
import static io.rita.kmm.domain.Accounts.zoned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rita.decider.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    private static PeriodWindow window(String start, String end) {
        return new PeriodWindow(zoned(start), zoned(end));
    }

    @Test
    void parses_the_four_wire_names() {
        assertThat(Period.parse("minutely")).isEqualTo(Period.MINUTELY);
        assertThat(Period.parse("daily")).isEqualTo(Period.DAILY);
        assertThat(Period.parse("weekly")).isEqualTo(Period.WEEKLY);
        assertThat(Period.parse("monthly")).isEqualTo(Period.MONTHLY);
    }

    @Test
    void parses_names_regardless_of_case_and_blanks() {
        assertThat(Period.parse(" Weekly ")).isEqualTo(Period.WEEKLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hourly", "yearly", "MINUTELY_", "day"})
    void refuses_other_period_names(String name) {
        assertThatThrownBy(() -> Period.parse(name))
                .isInstanceOf(Rejection.class)
                .hasMessage("kmm: period must be minutely, daily, weekly, monthly");
    }

    @Test
    void refuses_a_missing_period_name() {
        assertThatThrownBy(() -> Period.parse(null))
                .isInstanceOf(Rejection.class)
                .hasMessage("kmm: period must be minutely, daily, weekly, monthly");
    }

    @Test
    void prints_the_wire_name() {
        assertThat(Period.MONTHLY).hasToString("monthly");
        assertThat(Period.MINUTELY.wireName()).isEqualTo("minutely");
    }

    @Test
    void minutely_window_is_the_clock_minute() {
        assertThat(Period.MINUTELY.windowAt(utc("2022-05-30T13:45:10"), UTC))
                .isEqualTo(new PeriodWindow(utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00")));
    }

    @Test
    void minutely_window_holds_the_last_nanosecond_of_the_minute() {
        Instant last = utc("2022-05-30T13:45:59.999999999");
        assertThat(Period.MINUTELY.windowAt(last, UTC).start()).isEqualTo(utc("2022-05-30T13:45:00"));
    }

    @Test
    void minutely_window_of_a_full_minute_starts_there() {
        assertThat(Period.MINUTELY.windowAt(utc("2022-05-30T13:46:00"), UTC).start())
                .isEqualTo(utc("2022-05-30T13:46:00"));
    }

    @Test
    void minutely_windows_in_a_half_hour_offset_zone_follow_the_local_clock() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        assertThat(Period.MINUTELY.windowAt(zoned("2024-01-01T10:15:30+05:30[Asia/Kolkata]"), kolkata))
                .isEqualTo(window("2024-01-01T10:15+05:30[Asia/Kolkata]", "2024-01-01T10:16+05:30[Asia/Kolkata]"));
    }

    @Test
    void daily_window_runs_from_local_midnight_to_midnight() {
        assertThat(Period.DAILY.windowAt(zoned("2024-06-12T23:59:59.999+02:00[Europe/Berlin]"), BERLIN))
                .isEqualTo(window("2024-06-12T00:00+02:00[Europe/Berlin]", "2024-06-13T00:00+02:00[Europe/Berlin]"));
    }

    @Test
    void daily_window_at_midnight_is_the_new_day() {
        assertThat(Period.DAILY.windowAt(zoned("2024-06-13T00:00+02:00[Europe/Berlin]"), BERLIN).start())
                .isEqualTo(zoned("2024-06-13T00:00+02:00[Europe/Berlin]"));
    }

    @Test
    void daily_window_is_local_not_utc() {
        // 23:30 in New York is already the next day in UTC.
        assertThat(Period.DAILY.windowAt(zoned("2024-06-12T23:30-04:00[America/New_York]"), NEW_YORK).start())
                .isEqualTo(zoned("2024-06-12T00:00-04:00[America/New_York]"));
    }

    @Test
    void weekly_window_on_a_sunday_starts_on_the_monday_before() {
        // 2024-06-16 is a Sunday.
        assertThat(Period.WEEKLY.windowAt(zoned("2024-06-16T12:00+02:00[Europe/Berlin]"), BERLIN))
                .isEqualTo(window("2024-06-10T00:00+02:00[Europe/Berlin]", "2024-06-17T00:00+02:00[Europe/Berlin]"));
    }

    @Test
    void weekly_window_on_sunday_night_is_still_the_old_week() {
        assertThat(Period.WEEKLY.windowAt(zoned("2024-06-16T23:59:59.999999999+02:00[Europe/Berlin]"), BERLIN).start())
                .isEqualTo(zoned("2024-06-10T00:00+02:00[Europe/Berlin]"));
    }

    @Test
    void weekly_window_on_monday_midnight_is_the_new_week() {
        assertThat(Period.WEEKLY.windowAt(zoned("2024-06-17T00:00+02:00[Europe/Berlin]"), BERLIN).start())
                .isEqualTo(zoned("2024-06-17T00:00+02:00[Europe/Berlin]"));
    }

    @Test
    void weekly_window_midweek_starts_on_monday() {
        assertThat(Period.WEEKLY.windowAt(zoned("2024-06-13T08:00+02:00[Europe/Berlin]"), BERLIN).start())
                .isEqualTo(zoned("2024-06-10T00:00+02:00[Europe/Berlin]"));
    }

    @Test
    void monthly_window_of_february_2023_has_28_days() {
        assertThat(Period.MONTHLY.windowAt(utc("2023-02-28T23:59:59"), UTC))
                .isEqualTo(new PeriodWindow(utc("2023-02-01T00:00:00"), utc("2023-03-01T00:00:00")));
    }

    @Test
    void monthly_window_of_february_2024_has_29_days() {
        assertThat(Period.MONTHLY.windowAt(utc("2024-02-29T12:00:00"), UTC))
                .isEqualTo(new PeriodWindow(utc("2024-02-01T00:00:00"), utc("2024-03-01T00:00:00")));
    }

    @Test
    void monthly_window_of_april_has_30_days() {
        assertThat(Period.MONTHLY.windowAt(utc("2024-04-30T23:59:59.999999999"), UTC))
                .isEqualTo(new PeriodWindow(utc("2024-04-01T00:00:00"), utc("2024-05-01T00:00:00")));
    }

    @Test
    void monthly_window_of_january_has_31_days_and_starts_the_year() {
        assertThat(Period.MONTHLY.windowAt(utc("2024-01-31T23:59:59"), UTC))
                .isEqualTo(new PeriodWindow(utc("2024-01-01T00:00:00"), utc("2024-02-01T00:00:00")));
    }

    @Test
    void monthly_window_on_the_first_at_midnight_is_the_new_month() {
        assertThat(Period.MONTHLY.windowAt(utc("2024-05-01T00:00:00"), UTC).start()).isEqualTo(utc("2024-05-01T00:00:00"));
    }

    @Test
    void monthly_window_of_december_ends_in_the_next_year() {
        assertThat(Period.MONTHLY.windowAt(utc("2023-12-31T23:00:00"), UTC).end()).isEqualTo(utc("2024-01-01T00:00:00"));
    }

    @Test
    void daily_window_on_the_spring_forward_day_in_berlin_lasts_23_hours() {
        PeriodWindow day = Period.DAILY.windowAt(zoned("2024-03-31T12:00+02:00[Europe/Berlin]"), BERLIN);
        assertThat(day).isEqualTo(window("2024-03-31T00:00+01:00[Europe/Berlin]", "2024-04-01T00:00+02:00[Europe/Berlin]"));
        assertThat(Duration.between(day.start(), day.end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void daily_window_on_the_fall_back_day_in_berlin_lasts_25_hours() {
        PeriodWindow day = Period.DAILY.windowAt(zoned("2024-10-27T02:30+01:00[Europe/Berlin]"), BERLIN);
        assertThat(day).isEqualTo(window("2024-10-27T00:00+02:00[Europe/Berlin]", "2024-10-28T00:00+01:00[Europe/Berlin]"));
        assertThat(Duration.between(day.start(), day.end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void minutely_windows_in_the_fall_back_hour_are_distinct_for_each_pass() {
        PeriodWindow summer = Period.MINUTELY.windowAt(zoned("2024-10-27T02:30:10+02:00[Europe/Berlin]"), BERLIN);
        PeriodWindow winter = Period.MINUTELY.windowAt(zoned("2024-10-27T02:30:10+01:00[Europe/Berlin]"), BERLIN);
        assertThat(summer).isEqualTo(window("2024-10-27T02:30+02:00[Europe/Berlin]", "2024-10-27T02:31+02:00[Europe/Berlin]"));
        assertThat(winter).isEqualTo(window("2024-10-27T02:30+01:00[Europe/Berlin]", "2024-10-27T02:31+01:00[Europe/Berlin]"));
    }

    @Test
    void minutely_window_before_spring_forward_ends_at_the_jump() {
        // 01:59 CET is followed by 03:00 CEST, one minute later.
        assertThat(Period.MINUTELY.windowAt(zoned("2024-03-31T01:59:30+01:00[Europe/Berlin]"), BERLIN).end())
                .isEqualTo(zoned("2024-03-31T03:00+02:00[Europe/Berlin]"));
    }

    @Test
    void weekly_window_over_a_daylight_saving_change_lasts_one_hour_less() {
        PeriodWindow week = Period.WEEKLY.windowAt(zoned("2024-03-31T20:00+02:00[Europe/Berlin]"), BERLIN);
        assertThat(week).isEqualTo(window("2024-03-25T00:00+01:00[Europe/Berlin]", "2024-04-01T00:00+02:00[Europe/Berlin]"));
        assertThat(Duration.between(week.start(), week.end())).isEqualTo(Duration.ofDays(7).minusHours(1));
    }

    @Test
    void monthly_window_over_a_daylight_saving_change_in_new_york_is_local() {
        PeriodWindow month = Period.MONTHLY.windowAt(zoned("2024-11-15T12:00-05:00[America/New_York]"), NEW_YORK);
        assertThat(month).isEqualTo(window("2024-11-01T00:00-04:00[America/New_York]", "2024-12-01T00:00-05:00[America/New_York]"));
    }

    @Test
    void daily_window_in_new_york_on_spring_forward_lasts_23_hours() {
        PeriodWindow day = Period.DAILY.windowAt(zoned("2024-03-10T04:00-04:00[America/New_York]"), NEW_YORK);
        assertThat(Duration.between(day.start(), day.end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void daily_window_starts_at_the_first_valid_time_when_midnight_does_not_exist() {
        // Sao Paulo moved its clocks from 00:00 to 01:00 on 2018-11-04.
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        assertThat(Period.DAILY.windowAt(zoned("2018-11-04T12:00-02:00[America/Sao_Paulo]"), saoPaulo).start())
                .isEqualTo(zoned("2018-11-04T01:00-02:00[America/Sao_Paulo]"));
    }

    @Test
    void window_contains_its_start_but_not_its_end() {
        PeriodWindow minute = new PeriodWindow(utc("2022-05-30T13:45:00"), utc("2022-05-30T13:46:00"));
        assertThat(minute.contains(utc("2022-05-30T13:45:00"))).isTrue();
        assertThat(minute.contains(utc("2022-05-30T13:46:00"))).isFalse();
    }
}

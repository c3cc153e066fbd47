package io.rita.kmm.domain;

import static io.rita.kmm.domain.Accounts.BERLIN;
import static io.rita.kmm.domain.Accounts.NEW_YORK;
import static io.rita.kmm.domain.Accounts.UTC;
import static io.rita.kmm.domain.Accounts.account;
import static io.rita.kmm.domain.Accounts.budgetSet;
import static io.rita.kmm.domain.Accounts.deposited;
import static io.rita.kmm.domain.Accounts.withdraw;
import static io.rita.kmm.domain.Accounts.withdrawn;
import static io.rita.kmm.domain.Accounts.zoned;
import static org.assertj.core.api.Assertions.assertThat;

import io.rita.decider.Rejection;
import io.rita.test.DeciderFixture;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every period kind at its boundaries, through the decider: a budget of 10 is spent at
 * {@code spentAt}; one more cent is refused up to the window's last nanosecond
 * ({@code stillSpentAt}); at {@code nextStart} the next window opens with the max available again
 * and checked again.
 */
class BudgetBoundariesTest {

    private static final String OVER = "kmm: withdrawal would exceed max amount allowed in current period";

    record Boundary(String name, Period period, ZoneId zone, Instant spentAt, Instant stillSpentAt, Instant nextStart) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Boundary boundary(String name, Period period, ZoneId zone, String spentAt, String stillSpentAt,
                                     String nextStart) {
        return new Boundary(name, period, zone, zoned(spentAt), zoned(stillSpentAt), zoned(nextStart));
    }

    static Stream<Boundary> boundaries() {
        return Stream.of(
                boundary("end of a minute", Period.MINUTELY, UTC,
                        "2022-05-30T13:45:00Z[UTC]", "2022-05-30T13:45:59.999999999Z[UTC]", "2022-05-30T13:46:00Z[UTC]"),
                boundary("midnight", Period.DAILY, BERLIN,
                        "2024-06-12T08:00+02:00[Europe/Berlin]", "2024-06-12T23:59:59.999999999+02:00[Europe/Berlin]",
                        "2024-06-13T00:00+02:00[Europe/Berlin]"),
                boundary("Sunday night to Monday", Period.WEEKLY, BERLIN,
                        "2024-06-11T09:00+02:00[Europe/Berlin]", "2024-06-16T23:59:59.999999999+02:00[Europe/Berlin]",
                        "2024-06-17T00:00+02:00[Europe/Berlin]"),
                boundary("a Sunday belongs to the week of the Monday before", Period.WEEKLY, BERLIN,
                        "2024-06-10T00:00+02:00[Europe/Berlin]", "2024-06-16T12:00+02:00[Europe/Berlin]",
                        "2024-06-17T00:00+02:00[Europe/Berlin]"),
                boundary("end of February 2023 (28 days)", Period.MONTHLY, UTC,
                        "2023-02-01T00:00Z[UTC]", "2023-02-28T23:59:59.999999999Z[UTC]", "2023-03-01T00:00Z[UTC]"),
                boundary("end of February 2024 (29 days, leap year)", Period.MONTHLY, UTC,
                        "2024-02-01T00:00Z[UTC]", "2024-02-29T23:59:59.999999999Z[UTC]", "2024-03-01T00:00Z[UTC]"),
                boundary("end of April (30 days)", Period.MONTHLY, UTC,
                        "2024-04-01T00:00Z[UTC]", "2024-04-30T23:59:59.999999999Z[UTC]", "2024-05-01T00:00Z[UTC]"),
                boundary("end of January (31 days)", Period.MONTHLY, UTC,
                        "2024-01-01T00:00Z[UTC]", "2024-01-31T23:59:59.999999999Z[UTC]", "2024-02-01T00:00Z[UTC]"),
                boundary("Berlin spring-forward day has 23 hours", Period.DAILY, BERLIN,
                        "2024-03-31T00:00+01:00[Europe/Berlin]", "2024-03-31T23:59:59.999999999+02:00[Europe/Berlin]",
                        "2024-04-01T00:00+02:00[Europe/Berlin]"),
                boundary("Berlin fall-back day has 25 hours", Period.DAILY, BERLIN,
                        "2024-10-27T00:00+02:00[Europe/Berlin]", "2024-10-27T23:59:59.999999999+01:00[Europe/Berlin]",
                        "2024-10-28T00:00+01:00[Europe/Berlin]"),
                boundary("Berlin minute before the spring-forward jump", Period.MINUTELY, BERLIN,
                        "2024-03-31T01:59:00+01:00[Europe/Berlin]", "2024-03-31T01:59:59.999999999+01:00[Europe/Berlin]",
                        "2024-03-31T03:00+02:00[Europe/Berlin]"),
                boundary("Berlin month across a daylight-saving change", Period.MONTHLY, BERLIN,
                        "2024-03-01T00:00+01:00[Europe/Berlin]", "2024-03-31T23:59:59.999999999+02:00[Europe/Berlin]",
                        "2024-04-01T00:00+02:00[Europe/Berlin]"),
                boundary("Berlin week across fall-back", Period.WEEKLY, BERLIN,
                        "2024-10-21T00:00+02:00[Europe/Berlin]", "2024-10-27T23:59:59.999999999+01:00[Europe/Berlin]",
                        "2024-10-28T00:00+01:00[Europe/Berlin]"),
                boundary("New York fall-back day has 25 hours", Period.DAILY, NEW_YORK,
                        "2024-11-03T00:00-04:00[America/New_York]", "2024-11-03T23:59:59.999999999-05:00[America/New_York]",
                        "2024-11-04T00:00-05:00[America/New_York]"),
                boundary("New York week across spring-forward", Period.WEEKLY, NEW_YORK,
                        "2024-03-04T00:00-05:00[America/New_York]", "2024-03-10T23:59:59.999999999-04:00[America/New_York]",
                        "2024-03-11T00:00-04:00[America/New_York]"));
    }

    /** The account of {@code b}'s zone at {@code now}, shown in that zone when a scenario fails. */
    private static DeciderFixture<AccountCommand, AccountEvent, AccountState> at(Boundary b, Instant now) {
        return account(b.zone()).at(now.atZone(b.zone()));
    }

    /** The whole budget of 10 withdrawn in the window of {@code b.spentAt()}. */
    private static List<AccountEvent> spent(Boundary b) {
        return List.of(
                deposited("100", b.spentAt()),
                budgetSet("10", b.period(), b.spentAt(), b.zone()),
                withdrawn("10", b.spentAt(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void refuses_more_until_the_last_moment_of_the_window(Boundary b) {
        Rejection rejection = at(b, b.stillSpentAt()).given(spent(b)).when(withdraw("0.01")).thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void allows_the_max_again_when_the_next_window_starts(Boundary b) {
        at(b, b.nextStart()).given(spent(b)).when(withdraw("10")).then(withdrawn("10", b.nextStart(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void checks_the_first_withdrawal_of_the_next_window(Boundary b) {
        Rejection rejection = at(b, b.nextStart()).given(spent(b)).when(withdraw("10.01")).thenRejected();

        assertThat(rejection).hasMessage(OVER);
    }
}

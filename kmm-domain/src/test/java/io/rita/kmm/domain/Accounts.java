package io.rita.kmm.domain;

import io.rita.test.DeciderFixture;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Short factories for the tests' commands, events and times. */
final class Accounts {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private Accounts() {
    }

    /**
     * Scenarios of an account whose budget windows are cut in {@code zone}; every scenario also
     * checks that its states survive the snapshot codec, as accounts keep snapshots.
     */
    static DeciderFixture<AccountCommand, AccountEvent, AccountState> account(ZoneId zone) {
        return DeciderFixture.of(clock -> new AccountDecider(clock, zone))
                .withSnapshotCodec(AccountStateCodec.INSTANCE, AccountState.class);
    }

    /** Scenarios of an account whose budget windows are cut in UTC. */
    static DeciderFixture<AccountCommand, AccountEvent, AccountState> account() {
        return account(UTC);
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    /** An instant in UTC, written without the zone: {@code utc("2022-05-30T13:45:10")}. */
    static Instant utc(String localDateTime) {
        return Instant.parse(localDateTime + "Z");
    }

    /** An instant written with offset and zone: {@code "2024-03-31T01:59:59+01:00[Europe/Berlin]"}. */
    static Instant zoned(String text) {
        return ZonedDateTime.parse(text).toInstant();
    }

    static DepositFunds deposit(String amount) {
        return new DepositFunds(money(amount), "");
    }

    static WithdrawFunds withdraw(String amount) {
        return new WithdrawFunds(money(amount), "");
    }

    static SetBudget setBudget(String max, Period period) {
        return new SetBudget(money(max), period);
    }

    static FundsDeposited deposited(String amount, Instant time) {
        return new FundsDeposited(money(amount), "", time);
    }

    static FundsWithdrawn withdrawn(String amount, Instant time) {
        return new FundsWithdrawn(money(amount), "", time, false);
    }

    static FundsWithdrawn withdrawn(String amount, Instant time, boolean periodChanged) {
        return new FundsWithdrawn(money(amount), "", time, periodChanged);
    }

    /** A budget-set event as the decider would write it at {@code time} in {@code zone}. */
    static BudgetSet budgetSet(String max, Period period, Instant time, ZoneId zone) {
        PeriodWindow window = period.windowAt(time, zone);
        return new BudgetSet(money(max), period, time, window.start(), window.end());
    }

    static BudgetSet budgetSet(String max, Period period, Instant time) {
        return budgetSet(max, period, time, UTC);
    }
}

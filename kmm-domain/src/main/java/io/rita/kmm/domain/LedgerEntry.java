package io.rita.kmm.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of the account's ledger: a deposit (positive amount) or a withdrawal (negative).
 * The ledger is a view of the events, not state: budget events have no entry.
 *
 * <pre>{@code
 * List<LedgerEntry> ledger = LedgerEntry.ledger(events);
 * ledger.get(2).amount();   // -7.5
 * }</pre>
 *
 * @param amount the signed amount: positive for a deposit, negative for a withdrawal
 * @param time when it happened
 * @param description its free text, {@code ""} when none was given
 */
public record LedgerEntry(BigDecimal amount, Instant time, String description) {

    /** The entry of an event, or empty for events that do not move money. */
    public static Optional<LedgerEntry> from(AccountEvent event) {
        return switch (event) {
            case FundsDeposited d -> Optional.of(new LedgerEntry(d.amount(), d.time(), d.description()));
            case FundsWithdrawn w -> Optional.of(new LedgerEntry(w.amount().negate(), w.time(), w.description()));
            case BudgetSet set -> Optional.empty();
            case BudgetRemoved removed -> Optional.empty();
        };
    }

    /** The entries of the events, in their order. */
    public static List<LedgerEntry> ledger(Iterable<? extends AccountEvent> events) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (AccountEvent event : events) {
            from(event).ifPresent(entries::add);
        }
        return List.copyOf(entries);
    }
}

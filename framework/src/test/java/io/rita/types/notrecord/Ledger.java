package io.rita.types.notrecord;

import io.rita.types.EventType;

/** A class wrongly annotated with {@code @EventType}: scanning must refuse it. */
@EventType("ledger-opened")
public final class Ledger {
    public String owner;
}

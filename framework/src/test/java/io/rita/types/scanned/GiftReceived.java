package io.rita.types.scanned;

import io.rita.types.EventType;

import java.math.BigDecimal;

/** A package-private scanned event type: scanning looks past class visibility. */
@EventType("kmm.gift-received")
record GiftReceived(BigDecimal amount, String from) {
}

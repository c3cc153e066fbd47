package io.rita.types.scanned;

/** A record without {@code @EventType}: scanning must leave it out. */
public record NotAnEvent(String text) {
}

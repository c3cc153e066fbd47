package io.rita.test;

import io.rita.eventstore.EventStore;
import io.rita.eventstore.RitaOptions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** What every part of the conformance suite needs: the store under test, options, subjects and data. */
abstract class ConformanceSupport {

    /** The clock of {@link #options()}: fixed, so that filled-in times can be checked exactly. */
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2022-05-30T13:41:53.123456789Z"), ZoneOffset.UTC);

    private final AtomicInteger ids = new AtomicInteger();

    /** A fresh, empty store with these options; each test asks for its own. */
    protected abstract EventStore newStore(RitaOptions options);

    /** The events of {@code store} seen through other options (e.g. a registry that lacks a type). */
    protected abstract EventStore reopen(EventStore store, RitaOptions options);

    /** The options of most tests: no registry, {@link #CLOCK}, ids {@code conformance-1}, {@code -2}, ... */
    protected RitaOptions options() {
        return RitaOptions.defaults().withClock(CLOCK).withIds(() -> "conformance-" + ids.incrementAndGet());
    }

    /** A subject of the store: {@code <store name>.<rest>}. */
    protected static String subject(EventStore store, String rest) {
        return store.name() + "." + rest;
    }

    /** UTF-8 bytes, as event data without a registry. */
    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Loaded raw data as UTF-8 text. */
    protected static String text(Object data) {
        return new String((byte[]) data, StandardCharsets.UTF_8);
    }
}

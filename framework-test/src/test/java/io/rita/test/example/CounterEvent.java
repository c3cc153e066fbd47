package io.rita.test.example;

import java.time.Instant;

/** What happened to a counter (a small domain that exercises the test kit). */
sealed interface CounterEvent {

    record Added(int amount, Instant at) implements CounterEvent {
    }

    record WasReset(Instant at) implements CounterEvent {
    }
}

package io.rita.test.example;

/** What a counter is asked to do (the docs/testing.md example). */
sealed interface CounterCommand {

    record Add(int amount) implements CounterCommand {
    }

    record Reset() implements CounterCommand {
    }
}

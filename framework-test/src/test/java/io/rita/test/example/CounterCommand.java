package io.rita.test.example;

/** What a counter is asked to do (a small domain that exercises the test kit). */
sealed interface CounterCommand {

    record Add(int amount) implements CounterCommand {
    }

    record Reset() implements CounterCommand {
    }
}

package io.rita.test.example;

/** A counter's state (the docs/testing.md example). */
record Counter(int value) {
}

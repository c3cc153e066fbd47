package io.rita.test.example;

/** A counter's state (a small domain that exercises the test kit). */
record Counter(int value) {
}

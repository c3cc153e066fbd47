package io.rita.test;

/**
 * One field that differs between an expected and an actual value.
 *
 * @param path     where the field sits, from the compared value: {@code amount}, {@code budget.max},
 *                 {@code items[2].name}; empty when the values differ as a whole
 * @param expected the expected field value
 * @param actual   the actual field value
 */
record Difference(String path, Object expected, Object actual) {
}

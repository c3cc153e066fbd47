package io.rita.test;

import java.util.List;
import java.util.Set;

/**
 * Writes expected and actual values side by side, one line per differing field:
 *
 * <pre>
 * event 1 of 1: FundsWithdrawn
 *   amount   expected 7.5   actual 7.50
 * </pre>
 */
final class DifferenceReport {

    private DifferenceReport() {
    }

    /** The differences between two lists of events, event by event; {@code source} produced the actual ones. */
    static String events(List<?> expected, List<?> actual, Set<String> ignored, String source) {
        StringBuilder out = new StringBuilder();
        int count = Math.max(expected.size(), actual.size());
        if (expected.size() != actual.size()) {
            out.append("expected ").append(expected.size()).append(expected.size() == 1 ? " event" : " events")
                    .append(", ").append(source).append(' ').append(actual.size()).append('\n');
        }
        for (int i = 0; i < count; i++) {
            out.append("event ").append(i + 1).append(" of ").append(count).append(": ");
            if (i >= actual.size()) {
                out.append("missing, expected ").append(Structure.describe(expected.get(i))).append('\n');
            } else if (i >= expected.size()) {
                out.append("not expected, actual ").append(Structure.describe(actual.get(i))).append('\n');
            } else {
                out.append(value(expected.get(i), actual.get(i), ignored));
            }
        }
        return out.toString().stripTrailing();
    }

    /** The differences between two values: the type name, then a table of differing fields. */
    static String value(Object expected, Object actual, Set<String> ignored) {
        if (expected == null || actual == null || expected.getClass() != actual.getClass()) {
            return "expected " + Structure.typeName(expected) + ", actual " + Structure.typeName(actual) + "\n"
                    + "  expected " + Structure.describe(expected) + "\n"
                    + "  actual   " + Structure.describe(actual) + "\n";
        }
        List<Difference> differences = Structure.differences(expected, actual, ignored);
        if (differences.isEmpty()) {
            return Structure.typeName(expected) + " (as expected)\n";
        }
        return Structure.typeName(expected) + "\n" + table(differences);
    }

    /** Values one per line, numbered. */
    static String list(List<?> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            out.append("  ").append(i + 1).append(". ").append(Structure.describe(values.get(i))).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String table(List<Difference> differences) {
        int pathWidth = 0;
        int expectedWidth = 0;
        for (Difference d : differences) {
            pathWidth = Math.max(pathWidth, label(d).length());
            expectedWidth = Math.max(expectedWidth, Structure.show(d.expected()).length());
        }
        StringBuilder out = new StringBuilder();
        for (Difference d : differences) {
            out.append("  ").append(pad(label(d), pathWidth))
                    .append("   expected ").append(pad(Structure.show(d.expected()), expectedWidth))
                    .append("   actual ").append(Structure.show(d.actual())).append('\n');
        }
        return out.toString();
    }

    private static String label(Difference d) {
        return d.path().isEmpty() ? "(value)" : d.path();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}

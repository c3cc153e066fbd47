package io.rita.bench;

import java.util.List;

/**
 * What one case of {@link PairedRun} compares: Rita (the first side) and its baselines, all set
 * up on one server in this JVM, and how to take them down.
 *
 * <pre>{@code
 * try (Comparison c = new Comparison("events/s", List.of(rita, raw), benchmark::stop)) {
 *     double ritaRate = c.sides().getFirst().slice().run(1_000_000_000L);
 * }
 * }</pre>
 *
 * @param unit  what the rates count, e.g. {@code events/s}
 * @param sides Rita first, then the baselines its rate is divided by
 * @param stop  stops what the sides stand on
 */
record Comparison(String unit, List<Side> sides, Runnable stop) implements AutoCloseable {

    Comparison {
        if (sides.size() < 2) {
            throw new IllegalArgumentException("a comparison needs Rita and at least one baseline");
        }
        sides = List.copyOf(sides);
    }

    @Override
    public void close() {
        stop.run();
    }
}

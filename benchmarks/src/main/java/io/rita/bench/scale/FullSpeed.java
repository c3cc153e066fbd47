package io.rita.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The time until a restarted KMM answers at full speed again: deposits on accounts nobody has
 * touched, one after another, until five in a row answer in under 50 ms; the timeline of them.
 *
 * <pre>{@code
 * FullSpeed after = FullSpeed.measure(side, t0);
 * after.at();          // nanoseconds from t0 to the fifth fast answer
 * after.describe();    // "first deposit answered at 1,234 ms (took 812 ms); 9 deposits until ..."
 * }</pre>
 */
final class FullSpeed {

    static final long FAST_NANOS = 50_000_000L;
    static final int IN_A_ROW = 5;
    private static final long GIVE_UP_NANOS = 180_000_000_000L;
    private static final int SHOWN = 30;

    /** Pairs of (nanoseconds since t0 at the answer, latency in nanoseconds). */
    private final List<long[]> timeline;
    private final long unavailable;

    private FullSpeed(List<long[]> timeline, long unavailable) {
        this.timeline = timeline;
        this.unavailable = unavailable;
    }

    /** Sends deposits on untouched accounts of {@code side} until five in a row are fast. */
    static FullSpeed measure(ScaleSide side, long t0) {
        List<long[]> timeline = new ArrayList<>();
        long unavailableBefore = side.unavailable();
        int fastInARow = 0;
        while (fastInARow < IN_A_ROW && System.nanoTime() - t0 < GIVE_UP_NANOS) {
            long latency = side.cold();
            timeline.add(new long[]{System.nanoTime() - t0, latency});
            fastInARow = latency < FAST_NANOS ? fastInARow + 1 : 0;
        }
        return new FullSpeed(timeline, side.unavailable() - unavailableBefore);
    }

    /** Nanoseconds from t0 to the answer of the fifth fast deposit in a row. */
    long at() {
        return timeline.getLast()[0];
    }

    /** Nanoseconds from t0 to the first answer. */
    long firstAnswer() {
        return timeline.getFirst()[0];
    }

    String describe() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "first deposit answered at %,d ms (took %,d "
                        + "ms); %d deposits until %d in a row under 50 ms, at %,d ms; %d answers 503, sent again%n"
                        + "  timeline (ms since the restart: latency ms):", timeline.getFirst()[0] / 1_000_000,
                timeline.getFirst()[1] / 1_000_000, timeline.size(), IN_A_ROW, at() / 1_000_000, unavailable));
        for (int i = 0; i < Math.min(timeline.size(), SHOWN); i++) {
            line.append(String.format(Locale.ROOT, " %,d:%,d", timeline.get(i)[0] / 1_000_000,
                    timeline.get(i)[1] / 1_000_000));
        }
        return line.toString();
    }
}

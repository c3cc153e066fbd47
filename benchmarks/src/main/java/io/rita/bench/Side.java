package io.rita.bench;

/**
 * One side of a {@link Comparison}: its name in the tables, and how it runs for one slice of
 * time.
 *
 * <pre>{@code
 * Side rita = new Side("Rita", nanos -> Side.repeat(nanos, 1, benchmark::rita));
 * double eventsPerSecond = rita.slice().run(1_000_000_000L);
 * }</pre>
 *
 * @param name  how the tables call it, e.g. {@code Rita}, {@code hand-written}
 * @param slice runs the side's work for about the given nanoseconds and returns its rate per second
 */
record Side(String name, Slice slice) {

    /** The work of a side for one slice. */
    @FunctionalInterface
    interface Slice {
        /**
         * Works for about {@code nanos} nanoseconds (the last operation finishes after it).
         *
         * @return units (events, commands) per second
         */
        double run(long nanos);
    }

    /** A benchmark method that handles {@code unitsPerCall} units per call and must return something. */
    @FunctionalInterface
    interface Call {
        Object call() throws InterruptedException;
    }

    /**
     * Calls {@code call} on this thread until {@code nanos} have passed; returns units per second.
     *
     * @throws IllegalStateException when the call returns {@code null} or is interrupted
     */
    static double repeat(long nanos, int unitsPerCall, Call call) {
        long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        try {
            do {
                if (call.call() == null) {
                    throw new IllegalStateException("a benchmark method returned nothing");
                }
                calls++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return calls * (double) unitsPerCall * 1e9 / elapsed;
    }
}

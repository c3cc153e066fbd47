package io.rita.bench.scale;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies of one kind of command, in nanoseconds, and what the reports say of them.
 *
 * <pre>{@code
 * Latencies cold = new Latencies();
 * cold.add(probe.deposit(account));
 * cold.p99Micros();
 * }</pre>
 */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int count() {
        return size;
    }

    double meanMicros() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return size == 0 ? 0 : sum / 1e3 / size;
    }

    long percentileMicros(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted[Math.min(size - 1, (int) Math.floor(p * size))] / 1_000;
    }

    long p50Micros() {
        return percentileMicros(0.50);
    }

    long p99Micros() {
        return percentileMicros(0.99);
    }

    /** {@code mean, p50 / p99} in µs. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,.0f, %,d / %,d", meanMicros(), p50Micros(), p99Micros());
    }
}

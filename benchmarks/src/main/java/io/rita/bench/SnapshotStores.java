package io.rita.bench;

import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import io.rita.eventstore.JetStreamSnapshotStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.Snapshot;

import java.util.Arrays;
import java.util.Locale;

/**
 * The harness behind where snapshots live ({@code docs/architecture.md}): writing and reading one
 * snapshot-sized value per aggregate through a KV bucket (jnats' {@code KeyValue}, history 1) and
 * through Rita's snapshot stream ({@link JetStreamSnapshotStore}), alternating, on one nats-server.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.rita.bench.SnapshotStores
 * </pre>
 *
 * <p>Prints the median and 90th percentile of a write and of a read for each, over
 * {@value #ROUNDS} rounds of {@value #AGGREGATES} aggregates.
 */
public final class SnapshotStores {

    private static final int AGGREGATES = 200;
    private static final int ROUNDS = 10;
    private static final byte[] VALUE = new byte[400]; // a small state and its recent commands

    private SnapshotStores() {
    }

    public static void main(String[] args) throws Exception {
        try (Testbed bed = Testbed.start(Payload.BINARY)) {
            bed.connection().keyValueManagement().create(KeyValueConfiguration.builder().name("snapshots")
                    .maxHistoryPerKey(1).storageType(StorageType.File).build());
            KeyValue kv = bed.connection().keyValue("snapshots");
            JetStreamSnapshotStore stream = Rita.of(bed.connection()).snapshotStore(Testbed.STORE);
            stream.ensure();
            long[][] times = new long[4][AGGREGATES * ROUNDS];
            int n = 0;
            for (int round = 0; round < ROUNDS + 1; round++) { // the first round warms up
                for (int i = 0; i < AGGREGATES; i++, n++) {
                    String subject = "bench.events.a" + i;
                    int slot = round == 0 ? 0 : n - AGGREGATES;
                    long t0 = System.nanoTime();
                    kv.put(subject, VALUE);
                    long t1 = System.nanoTime();
                    kv.get(subject);
                    long t2 = System.nanoTime();
                    stream.write(new Snapshot(subject, round + 1, "e" + round, 1, VALUE));
                    long t3 = System.nanoTime();
                    stream.read(subject);
                    long t4 = System.nanoTime();
                    if (round > 0) {
                        times[0][slot] = t1 - t0;
                        times[1][slot] = t2 - t1;
                        times[2][slot] = t3 - t2;
                        times[3][slot] = t4 - t3;
                    }
                }
            }
            String[] names = {"KV put", "KV get", "stream write", "stream read"};
            System.out.println("| operation | p50 (µs) | p90 (µs) |");
            System.out.println("| --- | ---: | ---: |");
            for (int k = 0; k < 4; k++) {
                long[] sorted = times[k].clone();
                Arrays.sort(sorted);
                System.out.println(String.format(Locale.ROOT, "| %s | %d | %d |", names[k],
                        sorted[sorted.length / 2] / 1000, sorted[sorted.length * 9 / 10] / 1000));
            }
        }
    }
}

package io.rita.bench;

import io.nats.client.Connection;
import io.rita.eventstore.AppendMode;
import io.rita.eventstore.Expected;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.StoreConfig;
import io.rita.test.nats.NatsCluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What {@link AppendMode#STREAM_SEQUENCE} costs against the per-subject expectation, on an R3
 * stream in a real 3-node cluster on this machine: appends with an expectation, by 1 writer on one
 * subject and by 16 writers over 1,000 subjects (each writer owns its subjects, so every
 * expectation is right and every append must succeed; what the mode costs is the extra reads and
 * the tries lost to other subjects).
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.rita.bench.ClusterAppendRun [rounds] [seconds per slice]   # or: bin/bench cluster
 * }</pre>
 *
 * <p>The per-subject side publishes Rita's message with {@code Nats-Expected-Last-Subject-Sequence}
 * through raw jnats ({@link RawJetStream}, the same headers and payload): that is what
 * {@code AppendMode.PER_SUBJECT} sends, and the store itself refuses that mode on a replicated
 * stream of nats-server before 2.9.21. The stream-sequence side is the store. Both sides alternate
 * in slices (order flipping every round) on one stream, on subjects of their own, so that other
 * load on the machine hits both alike. Every writer has its own connection, to node
 * {@code writer % 3}. Printed: appends/s (median of the rounds), latency p50/p99 over all
 * appends, and the NATS messages a writer sent per append (1 for per-subject; 3 per try for
 * stream-sequence: stream info, message get, publish).
 */
public final class ClusterAppendRun {

    private static final int SUBJECTS = 1_000;

    private ClusterAppendRun() {
    }

    /** One side of a case: a writer's next append, returning its sequence. */
    private interface Writer {
        long append();
    }

    private record Side(String name, List<Writer> writers, List<Connection> connections) {
    }

    /** {@code ClusterAppendRun [rounds, default 5] [seconds per slice, default 2]}. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double sliceSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        try (NatsCluster cluster = NatsCluster.start()) {
            JetStreamEventStore store = Rita.of(cluster.connect(), Payload.BINARY.ritaOptions())
                    .eventStore(StoreConfig.of(Testbed.STORE).withReplicas(3));
            store.create();
            System.out.println("nats-server " + cluster.connect().getServerInfo().getVersion() + ", 3 nodes, R3 stream; "
                    + "the store chose " + store.appendMode() + "; " + rounds + " rounds of " + sliceSeconds + " s slices");
            System.out.println();
            System.out.println("| writers | subjects | mode | appends/s | p50 (µs) | p99 (µs) | messages per append |");
            System.out.println("| ---: | ---: | --- | ---: | ---: | ---: | ---: |");
            for (String shape : List.of("1", "16", "16 in one process")) {
                int writers = shape.equals("1") ? 1 : 16;
                boolean shared = shape.endsWith("process");
                int subjects = writers == 1 ? 1 : SUBJECTS;
                Side perSubject = perSubject(cluster, writers, subjects, shared);
                Side streamSequence = streamSequence(cluster, writers, subjects, shared);
                Result[] results = alternate(perSubject, streamSequence, rounds, sliceSeconds);
                for (int side = 0; side < 2; side++) {
                    System.out.println("| " + shape + " | " + subjects + " | " + results[side] + " |");
                }
            }
        }
    }

    private static Side perSubject(NatsCluster cluster, int writers, int subjects, boolean shared) {
        String prefix = "bench.ps" + writers + (shared ? "p." : ".");
        List<Writer> list = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            if (!shared || w == 0) {
                connections.add(cluster.connect(w % NatsCluster.NODES));
            }
            RawJetStream raw = new RawJetStream(connections.getLast(), Testbed.STORE, Payload.BINARY);
            list.add(owned(w, writers, subjects, prefix, raw::append));
        }
        return new Side("per-subject (raw)", list, connections);
    }

    /** Writers of their own (connection and store each, as separate processes), or of one shared store. */
    private static Side streamSequence(NatsCluster cluster, int writers, int subjects, boolean shared) {
        String prefix = "bench.ss" + writers + (shared ? "p." : ".");
        List<Writer> list = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        EventStore store = null;
        for (int w = 0; w < writers; w++) {
            if (!shared || w == 0) {
                connections.add(cluster.connect(w % NatsCluster.NODES));
                store = Rita.of(connections.getLast(), Payload.BINARY.ritaOptions())
                        .eventStore(StoreConfig.of(Testbed.STORE).withAppendMode(AppendMode.STREAM_SEQUENCE));
            }
            EventStore mine = store;
            list.add(owned(w, writers, subjects, prefix, (subject, expected) ->
                    mine.append(subject, List.of(Payload.BINARY.event()), Expected.sequence(expected)).sequence()));
        }
        return new Side("stream-sequence (store)", list, connections);
    }

    private interface Append {
        long append(String subject, long expected);
    }

    /** Writer {@code w} of {@code writers}: round robin over its own subjects, expecting each one's last sequence. */
    private static Writer owned(int w, int writers, int subjects, String prefix, Append append) {
        List<String> mine = new ArrayList<>();
        for (int s = w; s < subjects; s += writers) {
            mine.add(prefix + s);
        }
        long[] last = new long[mine.size()];
        int[] next = {0};
        return () -> {
            int i = next[0];
            next[0] = (i + 1) % mine.size();
            last[i] = append.append(mine.get(i), last[i]);
            return last[i];
        };
    }

    /** What one side did over all its slices. */
    private record Result(String mode, double appendsPerSecond, long p50Micros, long p99Micros, double messagesPerAppend) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s | %,.0f | %,d | %,d | %.1f", mode, appendsPerSecond, p50Micros,
                    p99Micros, messagesPerAppend);
        }
    }

    private static Result[] alternate(Side a, Side b, int rounds, double sliceSeconds) throws Exception {
        Side[] sides = {a, b};
        // warm up both: JIT, connections, the store learning where it runs
        for (Side side : sides) {
            slice(side, 1.0, new ArrayList<>());
        }
        double[][] rates = new double[2][rounds];
        List<List<Long>> latencies = List.of(new ArrayList<>(), new ArrayList<>());
        long[] appends = new long[2];
        long[] messages = new long[2];
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int side = round % 2 == 0 ? turn : 1 - turn;
                long sentBefore = sent(sides[side]);
                int before = latencies.get(side).size();
                rates[side][round] = slice(sides[side], sliceSeconds, latencies.get(side));
                appends[side] += latencies.get(side).size() - before;
                messages[side] += sent(sides[side]) - sentBefore;
            }
        }
        Result[] results = new Result[2];
        for (int side = 0; side < 2; side++) {
            long[] sorted = latencies.get(side).stream().mapToLong(Long::longValue).sorted().toArray();
            results[side] = new Result(sides[side].name(), median(rates[side]), percentile(sorted, 0.50) / 1_000,
                    percentile(sorted, 0.99) / 1_000, (double) messages[side] / appends[side]);
        }
        return results;
    }

    /** Every writer appends as fast as it can for {@code seconds}; returns appends/s, adds each append's latency (ns). */
    private static double slice(Side side, double seconds, List<Long> latencies) throws Exception {
        int writers = side.writers().size();
        CyclicBarrier start = new CyclicBarrier(writers);
        long sliceNanos = (long) (seconds * 1e9);
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<long[]>> done = new ArrayList<>();
            for (Writer writer : side.writers()) {
                done.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<Long> mine = new ArrayList<>();
                    long begin = System.nanoTime();
                    long now = begin;
                    while (now - begin < sliceNanos) {
                        writer.append();
                        long after = System.nanoTime();
                        mine.add(after - now);
                        now = after;
                    }
                    return mine.stream().mapToLong(Long::longValue).toArray();
                }));
            }
            long count = 0;
            for (Future<long[]> writer : done) {
                long[] mine = writer.get(120, TimeUnit.SECONDS);
                count += mine.length;
                synchronized (latencies) {
                    for (long latency : mine) {
                        latencies.add(latency);
                    }
                }
            }
            return count / seconds;
        }
    }

    private static long sent(Side side) {
        return side.connections().stream().mapToLong(c -> c.getStatistics().getOutMsgs()).sum();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

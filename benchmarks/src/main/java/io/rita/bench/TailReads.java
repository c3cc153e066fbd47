package io.rita.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.impl.NatsMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The harness that chose how {@code io.rita.internal.SubjectReader} reads a subject between two
 * sequences: every way jnats offers on nats-server 2.9, timed (wall clock) and costed (the
 * server's CPU, from {@code /proc}) on the same stream, for tails of 10 to 5,000 messages after
 * a mid-subject sequence and for short whole histories. Raw jnats only, no Rita code, so that
 * only the read strategy differs.
 *
 * <pre>
 * bin/bench tails                  # or: java -cp benchmarks/target/benchmarks.jar io.rita.bench.TailReads
 * </pre>
 *
 * <p>The stream holds one long subject of {@value #HISTORY} messages, each followed by two
 * messages of other subjects (as in {@code LoadBenchmark}), and short subjects of 1 to 100
 * messages interleaved the same way. Each case is read {@code reps} times after warm-up; the
 * table gives the median wall time and the server's CPU per read.
 */
public final class TailReads {

    static final int HISTORY = 10_000;
    static final int MID = 1_000;
    private static final int[] TAILS = {10, 100, 1_000, 5_000};
    private static final int[] SHORT = {1, 3, 10, 100};
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] DATA = new byte[120];

    /** One way of reading (after, last] of a subject; returns how many messages it delivered. */
    interface Strategy {
        int read(String subject, long after, long last) throws Exception;
    }

    private final Connection connection;
    private final JetStream jetStream;
    private final String directGet = "$JS.API.DIRECT.GET." + Testbed.STORE;
    private final long serverPid;

    private TailReads(Connection connection, long serverPid) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.serverPid = serverPid;
    }

    public static void main(String[] args) throws Exception {
        List<String> only = Arrays.asList(args);
        try (Testbed bed = Testbed.start(Payload.BINARY)) {
            long pid = ProcessHandle.current().children()
                    .filter(p -> p.info().command().orElse("").contains("nats-server"))
                    .findFirst().orElseThrow().pid();
            new TailReads(bed.connection(), pid).run(only);
        }
    }

    private void run(List<String> only) throws Exception {
        long[] midSequences = seed("bench.events.mid", MID, 2); // first: its messages share the first block
        long[] longSequences = seed("bench.events.long", HISTORY, 2);
        long[][] shortSequences = new long[SHORT.length][];
        for (int i = 0; i < SHORT.length; i++) {
            shortSequences[i] = seed("bench.events.short" + SHORT[i], SHORT[i], 2);
        }
        List<String[]> rows = new ArrayList<>();
        String[] names = {"direct", "direct-chunks-8", "direct-chunks-32", "ordered-start", "ordered-all",
                "pull-start", "pull-start-mem", "push-start-mem", "push-start-mem-fc", "by-sequence"};
        Strategy[] strategies = {this::direct, (s, a, l) -> chunked(s, a, l, 8), (s, a, l) -> chunked(s, a, l, 32),
                (s, a, l) -> ordered(s, a, l, false), (s, a, l) -> ordered(s, a, l, true),
                (s, a, l) -> pull(s, a, l, false), (s, a, l) -> pull(s, a, l, true),
                (s, a, l) -> pushMem(s, a, l, false), (s, a, l) -> pushMem(s, a, l, true), this::bySequence};
        for (int i = 0; i < strategies.length; i++) {
            if (!only.isEmpty() && !only.contains(names[i])) {
                continue;
            }
            for (int tail : TAILS) {
                long after = longSequences[HISTORY - tail - 1];
                rows.add(measure(names[i], "tail " + tail + " of " + HISTORY, strategies[i],
                        "bench.events.long", after, longSequences[HISTORY - 1], tail));
            }
            for (int tail : new int[] {MID - 2, MID - 100, MID - 500, 100, 10}) {
                rows.add(measure(names[i], "tail " + tail + " of " + MID + " (first block)", strategies[i],
                        "bench.events.mid", midSequences[MID - tail - 1], midSequences[MID - 1], tail));
            }
            if (names[i].startsWith("push") || names[i].startsWith("ordered")) {
                rows.add(measure(names[i], "whole " + HISTORY, strategies[i], "bench.events.long", 0,
                        longSequences[HISTORY - 1], HISTORY));
            }
            for (int s = 0; s < SHORT.length; s++) {
                long[] seqs = shortSequences[s];
                rows.add(measure(names[i], "whole " + SHORT[s], strategies[i], "bench.events.short" + SHORT[s], 0,
                        seqs[seqs.length - 1], SHORT[s]));
            }
        }
        System.out.println();
        System.out.println("| strategy | case | median ms | server CPU ms per read |");
        System.out.println("| --- | --- | ---: | ---: |");
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }

    private String[] measure(String name, String label, Strategy strategy, String subject, long after, long last,
                             int expected) throws Exception {
        int reps = expected >= 1_000 ? 8 : 40;
        for (int i = 0; i < 3; i++) {
            check(name, strategy.read(subject, after, last), expected);
        }
        long[] times = new long[reps];
        long cpuBefore = serverCpuMillis();
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            check(name, strategy.read(subject, after, last), expected);
            times[i] = System.nanoTime() - start;
        }
        long cpu = serverCpuMillis() - cpuBefore;
        Arrays.sort(times);
        String[] row = {name, label, String.format(Locale.ROOT, "%.2f", times[reps / 2] / 1e6),
                String.format(Locale.ROOT, "%.2f", cpu / (double) reps)};
        System.out.println(String.join(" | ", row));
        return row;
    }

    private static void check(String name, int got, int expected) {
        if (got != expected) {
            throw new IllegalStateException(name + " read " + got + " messages, expected " + expected);
        }
    }

    /** Utime plus stime of the server, in ms ({@code /proc/<pid>/stat}, clock ticks of 10 ms). */
    private long serverCpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** {@code count} messages on {@code subject}, each followed by {@code others} messages of other subjects. */
    private long[] seed(String subject, int count, int others) {
        List<CompletableFuture<Long>> mine = new ArrayList<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<Long> own = jetStream.publishAsync(NatsMessage.builder().subject(subject).data(DATA)
                    .build()).thenApply(ack -> ack.getSeqno());
            mine.add(own);
            all.add(own);
            for (int j = 0; j < others; j++) {
                all.add(jetStream.publishAsync(NatsMessage.builder().subject(subject + "-other" + (i % 50) + j)
                        .data(DATA).build()));
            }
            if (all.size() > 3_000) {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                all.clear();
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return mine.stream().mapToLong(CompletableFuture::join).toArray();
    }

    private Message get(String body) throws Exception {
        return connection.request(directGet, body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
    }

    private static long sequenceOf(Message reply) {
        if (reply.isStatusMessage()) {
            return -1;
        }
        return Long.parseLong(reply.getHeaders().getFirst("Nats-Sequence"));
    }

    /**
     * A direct get of every stream sequence in the range, all in flight at once, keeping the
     * subject's messages: no subject lookups on the server, one round trip of latency, but a
     * request per message of every subject in the range.
     */
    private int bySequence(String subject, long after, long last) {
        List<CompletableFuture<Message>> gets = new ArrayList<>();
        for (long seq = after + 1; seq <= last; seq++) {
            gets.add(connection.requestWithTimeout(directGet, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8),
                    TIMEOUT));
        }
        int count = 0;
        for (CompletableFuture<Message> get : gets) {
            Message reply = get.join();
            if (!reply.isStatusMessage() && subject.equals(reply.getHeaders().getFirst("Nats-Subject"))) {
                count++;
            }
        }
        return count;
    }

    /** One direct get {@code next_by_subj} after another. */
    private int direct(String subject, long after, long last) throws Exception {
        int count = 0;
        long position = after;
        while (position < last) {
            long sequence = sequenceOf(get("{\"seq\":" + (position + 1) + ",\"next_by_subj\":\"" + subject + "\"}"));
            if (sequence < 0 || sequence > last) {
                break;
            }
            position = sequence;
            count++;
        }
        return count;
    }

    /**
     * The range cut into {@code chunks} slices of stream sequences, each walked with direct gets,
     * all slices at once (a slice stops at the first message that belongs to the next one).
     */
    private int chunked(String subject, long after, long last, int chunks) {
        long span = last - after;
        int n = (int) Math.min(chunks, span);
        List<CompletableFuture<Integer>> walks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long from = after + 1 + span * i / n;
            long to = after + span * (i + 1) / n; // inclusive
            walks.add(walk(subject, from, to, 0));
        }
        return walks.stream().mapToInt(CompletableFuture::join).sum();
    }

    private CompletableFuture<Integer> walk(String subject, long from, long to, int count) {
        if (from > to) {
            return CompletableFuture.completedFuture(count);
        }
        String body = "{\"seq\":" + from + ",\"next_by_subj\":\"" + subject + "\"}";
        return connection.requestWithTimeout(directGet, body.getBytes(StandardCharsets.UTF_8), TIMEOUT)
                .thenCompose(reply -> {
                    long sequence = sequenceOf(reply);
                    if (sequence < 0 || sequence > to) {
                        return CompletableFuture.completedFuture(count);
                    }
                    return walk(subject, sequence + 1, to, count + 1);
                });
    }

    private int ordered(String subject, long after, long last, boolean all) throws Exception {
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder().filterSubject(subject)
                .ackPolicy(AckPolicy.None);
        if (all) {
            config.deliverPolicy(DeliverPolicy.All);
        } else {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(after + 1);
        }
        JetStreamSubscription sub = jetStream.subscribe(subject, PushSubscribeOptions.builder()
                .stream(Testbed.STORE).ordered(true).configuration(config.build()).build());
        try {
            return drain(sub, after, last);
        } finally {
            sub.unsubscribe();
        }
    }

    private int pushMem(String subject, long after, long last, boolean flowControl) throws Exception {
        ConsumerConfiguration.Builder builder = ConsumerConfiguration.builder().filterSubject(subject)
                .ackPolicy(AckPolicy.None)
                .memStorage(true).numReplicas(1).inactiveThreshold(Duration.ofSeconds(5))
                .deliverSubject(connection.createInbox());
        if (after == 0) {
            builder.deliverPolicy(DeliverPolicy.All);
        } else {
            builder.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(after + 1);
        }
        if (flowControl) {
            builder.flowControl(Duration.ofSeconds(5));
        }
        ConsumerConfiguration config = builder.build();
        JetStreamSubscription sub = jetStream.subscribe(subject, PushSubscribeOptions.builder()
                .stream(Testbed.STORE).configuration(config).build());
        try {
            return drain(sub, after, last);
        } finally {
            sub.unsubscribe();
        }
    }

    private static int drain(JetStreamSubscription sub, long after, long last) throws Exception {
        int count = 0;
        long position = after;
        while (position < last) {
            Message message = sub.nextMessage(TIMEOUT);
            if (message == null) {
                throw new IllegalStateException("timed out");
            }
            long sequence = message.metaData().streamSequence();
            if (sequence <= after) {
                continue;
            }
            position = sequence;
            count++;
        }
        return count;
    }

    private int pull(String subject, long after, long last, boolean memory) throws Exception {
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder().filterSubject(subject)
                .ackPolicy(AckPolicy.None).deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(after + 1)
                .inactiveThreshold(Duration.ofSeconds(5));
        if (memory) {
            config.memStorage(true).numReplicas(1);
        }
        JetStreamSubscription sub = jetStream.subscribe(subject, PullSubscribeOptions.builder()
                .stream(Testbed.STORE).configuration(config.build()).build());
        try {
            int count = 0;
            long position = after;
            while (position < last) {
                sub.pull(io.nats.client.PullRequestOptions.builder(512).expiresIn(TIMEOUT).build());
                for (int i = 0; i < 512 && position < last; i++) {
                    Message message = sub.nextMessage(TIMEOUT);
                    if (message == null) {
                        throw new IllegalStateException("timed out");
                    }
                    if (message.isStatusMessage()) {
                        continue;
                    }
                    position = message.metaData().streamSequence();
                    count++;
                }
            }
            sub.unsubscribe();
            return count;
        } finally {
            if (sub.isActive()) {
                sub.unsubscribe();
            }
            TimeUnit.MILLISECONDS.toMillis(0);
        }
    }
}

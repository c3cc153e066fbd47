package io.rita.projection;

import io.rita.eventstore.JetStreamEventStore;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once in effect, shown the hard way: a projector in a child JVM is killed with SIGKILL
 * while it catches up (between any two writes, or between its writes and its acknowledgement),
 * another is killed the same way after taking over, and a third finishes. Every view must equal
 * the fold of all events: an event applied twice or missed changes a tally's count and sum.
 */
@Timeout(180)
class ProjectionCrashTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final int EVENTS = 20_000;
    private static final int KEYS = 50;
    private static final long LEASE_MILLIS = 1_500;
    /** Where the children's standard error goes, for the message of a test that fails (a new file per run). */
    private static Path childErrors;

    @BeforeAll
    static void newChildErrors() throws IOException {
        childErrors = Files.createTempFile("rita-projection-crash-", ".log");
    }

    @AfterAll
    static void deleteChildErrors() throws IOException {
        Files.deleteIfExists(childErrors);
    }

    @Test
    void views_equal_a_fold_of_all_events_after_two_kills_mid_stream() throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), "crash");
        Tallies.fill(store, KEYS, EVENTS, 1);

        long first = killWhenPast(3_000);
        assertThat(first).as("killed mid-stream").isLessThan(EVENTS);
        // more events while nobody applies them
        Tallies.fill(store, KEYS, 2_000, EVENTS + 1);
        long second = killWhenPast(first + 5_000);
        assertThat(second).as("killed mid-stream again").isLessThan(EVENTS + 2_000);

        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection("crash", store.name(), new AtomicLong()),
                ProjectorOptions.defaults().withLeaseTime(Duration.ofMillis(LEASE_MILLIS)))) {
            ProjectionStatus status = projector.awaitLive(Duration.ofSeconds(60));

            assertThat(status.state()).isEqualTo(State.LIVE);
            assertThat(status.lastSequence()).isEqualTo(EVENTS + 2_000);
            assertThat(Tallies.stored(projector.views())).isEqualTo(Tallies.expected(store)).hasSize(KEYS);
            long delivered = nats.connection().jetStreamManagement().getConsumerInfo("crash", "projection-crash-v1")
                    .getDelivered().getConsumerSequence();
            assertThat(delivered).as("the last projector went on from where the second was killed, not from the start")
                    .isLessThan(EVENTS + 2_000 - second + 1_000);
        }
    }

    /** Starts a projector in a child JVM, waits until it applied past {@code sequence}, kills it (SIGKILL); returns the last sequence it reported. */
    private static long killWhenPast(long sequence) throws Exception {
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProjectorProcess.class.getName(),
                nats.url(), "crash", "crash", Long.toString(LEASE_MILLIS), "10"))
                .redirectError(ProcessBuilder.Redirect.appendTo(childErrors.toFile())).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = child.inputReader(StandardCharsets.UTF_8)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // killed
            } catch (RuntimeException e) {
                lines.add("the parent's reader failed: " + e);
            }
        });
        long last = -1;
        List<String> seen = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (last <= sequence) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    assertThat(line).as("the child reports progress past %d within 60 s; last report %d; it printed "
                            + "%d lines, the last: %s%n%s", sequence, last, seen.size(),
                            seen.subList(Math.max(0, seen.size() - 10), seen.size()), diagnosis(child, lines))
                            .isNotNull();
                }
                seen.add(line);
                String[] parts = line.split(" ");
                if (parts[2].equals(State.CATCHING_UP.name())) {
                    last = Long.parseLong(parts[1]);
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released, nothing flushed
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(5_000);
        }
        return last;
    }

    /** What the child said on its way (it logs to standard error) and its threads (SIGQUIT prints them to standard output). */
    private static String diagnosis(Process child, BlockingQueue<String> lines) throws Exception {
        new ProcessBuilder("kill", "-QUIT", Long.toString(child.pid())).start().waitFor(5, TimeUnit.SECONDS);
        Thread.sleep(2_000);
        List<String> threads = new ArrayList<>();
        lines.drainTo(threads);
        String said = Files.exists(childErrors) ? Files.readString(childErrors) : "";
        String dump = String.join("\n", threads);
        return "its standard error:\n" + said.substring(Math.max(0, said.length() - 3000)) + "\nits threads:\n"
                + dump.substring(0, Math.min(dump.length(), 12_000));
    }
}

package io.rita.projection;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A projector of tallies in a JVM of its own, for the tests that kill it: prints
 * {@code applied <sequence> <state>} whenever its last applied sequence changes, until it is
 * killed or its standard input closes.
 *
 * <pre>{@code
 * java -cp <test classpath> io.rita.projection.ProjectorProcess <url> <store> <projection> <lease ms> <pause every n events>
 * }</pre>
 */
public final class ProjectorProcess {

    private ProjectorProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String storeName = args[1];
        String name = args[2];
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        int pauseEvery = Integer.parseInt(args[4]);
        Connection connection = Nats.connect(new Options.Builder().server(url).maxReconnects(-1).build());
        JetStreamEventStore store = Tallies.store(connection, storeName);
        AtomicLong calls = new AtomicLong();
        // a little slower than it could be, so that a test can kill it mid-stream
        Projection<TallyEvent, Tally> projection = Projection.of(name, storeName + ".*", TallyEvent.class, Tally.class,
                (tally, event) -> {
                    if (pauseEvery > 0 && calls.incrementAndGet() % pauseEvery == 0) {
                        ProjectorTest.sleep(1);
                    }
                    return Tallies.apply(tally, event);
                });
        Projector<TallyEvent, Tally> projector = Projector.start(store, projection,
                ProjectorOptions.defaults().withLeaseTime(lease).withBatchSize(100));
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // until the parent closes our input
                }
            } catch (java.io.IOException e) {
                // the parent is gone
            }
            projector.close();
            System.exit(0);
        });
        long printed = -1;
        while (true) {
            try {
                ProjectionStatus status = projector.status();
                if (status.lastSequence() != printed) {
                    printed = status.lastSequence();
                    System.out.println("applied " + printed + " " + status.state());
                    System.out.flush();
                }
            } catch (RuntimeException e) {
                // a status that cannot be read now must not end the reports: the parent waits for them
                System.err.println("ProjectorProcess: no status: " + e);
            }
            Thread.sleep(10);
        }
    }
}

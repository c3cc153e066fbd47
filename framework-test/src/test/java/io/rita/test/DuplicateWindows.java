package io.rita.test;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.NUID;
import io.nats.client.PublishOptions;

import java.time.Duration;

/** Waits until a stream has forgotten the message ids appended so far (its duplicate window has passed). */
public final class DuplicateWindows {

    private DuplicateWindows() {
    }

    /**
     * Publishes a probe with a new id to {@code probeSubject} (a subject of the stream), then
     * again until the stream no longer calls it a duplicate: the server forgets ids in the order
     * they came, so every id stored before the probe is forgotten too. A sleep of "a few windows"
     * instead would, on a busy machine, sometimes not be enough.
     *
     * @throws AssertionError when the stream still remembers the probe after 10 s
     */
    public static void awaitPassed(Connection connection, String probeSubject) throws Exception {
        PublishOptions probe = PublishOptions.builder().messageId("duplicate-window-probe-" + NUID.nextGlobal())
                .build();
        JetStream jetStream = connection.jetStream();
        jetStream.publish(probeSubject, new byte[0], probe);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jetStream.publish(probeSubject, new byte[0], probe).isDuplicate()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stream of " + probeSubject + " still remembers a message id after 10 s");
            }
            Thread.sleep(20);
        }
    }
}

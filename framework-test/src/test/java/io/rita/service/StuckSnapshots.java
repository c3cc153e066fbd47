package io.rita.service;

import io.rita.eventstore.Snapshot;
import io.rita.eventstore.SnapshotStore;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A snapshot store that hangs: it has no snapshots, and every write waits until {@link #release()}
 * (at most 10 s, so that a test that forgets cannot hang the build), then stores nothing.
 */
public final class StuckSnapshots implements SnapshotStore {

    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public Optional<Snapshot> read(String subject) {
        return Optional.empty();
    }

    @Override
    public void write(Snapshot snapshot) {
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets every waiting write, and every later one, return. */
    public void release() {
        released.countDown();
    }
}

package io.rita.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.types.Codec;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Which process applies a projection version: the holder of the key {@link ViewKeys#LEASE} in its
 * bucket. Every write of the lease expects the revision read before (compare-and-set), so two
 * processes never both acquire it. The holder renews it every third of the lease time; another
 * process takes it over only when it has seen the same revision for a whole lease time on its
 * own clock. The holder counts its lease as valid for 90% of the lease time from the moment it
 * sent the renewal, so it stops applying before anyone else can have taken over, without
 * relying on the two machines' clocks agreeing (both measure durations on a monotonic clock).
 *
 * <p>The lease's value says who holds it and how far it got (last applied event, when), which is
 * how processes that do not hold it report a projection's progress.
 */
final class Lease {

    private static final System.Logger LOG = System.getLogger(Lease.class.getName());
    private static final ObjectMapper JSON = Codec.jsonMapper();

    private final ViewBucket bucket;
    private final String holder;
    private final String process;
    private final long leaseNanos;
    private final LongSupplier nanoTime;
    private final String describe;

    private long heldRevision;
    private long validUntil;
    private long renewAt;
    private boolean held;
    private Instant since;
    /** Another holder's revision, and when this process first saw it: a takeover waits a whole lease time. */
    private long seenRevision = -1;
    private long seenAt;

    /**
     * The value stored under {@link ViewKeys#LEASE}.
     *
     * @param holder       the holding projector's id
     * @param process      where it runs (host and pid), for people reading the status
     * @param since        when it took the lease
     * @param lastApplied  when it last applied an event, or {@code null}
     * @param lastSequence the stream sequence of the last event it applied, 0 if none
     */
    record Holder(String holder, String process, Instant since, Instant lastApplied, long lastSequence) {
    }

    Lease(ViewBucket bucket, String holder, String process, Duration leaseTime, LongSupplier nanoTime, String describe) {
        this.bucket = bucket;
        this.holder = holder;
        this.process = process;
        this.leaseNanos = leaseTime.toNanos();
        this.nanoTime = nanoTime;
        this.describe = describe;
    }

    /**
     * Takes the lease when it is free, released, ours, or not renewed for a whole lease time.
     *
     * @return whether this process holds it now
     */
    boolean acquire(Instant now, Instant lastApplied, long lastSequence) throws Exception {
        if (held && valid()) {
            return true;
        }
        held = false;
        Optional<ViewBucket.Entry> current = bucket.read(ViewKeys.LEASE);
        long revision = current.map(ViewBucket.Entry::revision).orElse(0L);
        if (current.isPresent() && !current.get().removed()) {
            Holder other = parse(current.get());
            boolean ours = other != null && holder.equals(other.holder());
            if (!ours) {
                long seen = nanoTime.getAsLong();
                if (revision != seenRevision) {
                    seenRevision = revision;
                    seenAt = seen;
                    return false;
                }
                if (seen - seenAt < leaseNanos) {
                    return false;
                }
                LOG.log(System.Logger.Level.INFO, "projection {0}: taking over from {1}, whose lease was not renewed "
                        + "for {2} ms", describe, other == null ? "an unreadable holder" : other.process(),
                        TimeUnit.NANOSECONDS.toMillis(seen - seenAt));
            }
        }
        since = now;
        return write(revision, now, lastApplied, lastSequence);
    }

    /** Whether the lease is due for renewal. */
    boolean renewDue() {
        return held && nanoTime.getAsLong() >= renewAt;
    }

    /**
     * Renews the lease with the progress so far.
     *
     * @return false when it was lost: another process holds it now
     */
    boolean renew(Instant lastApplied, long lastSequence) throws Exception {
        return held && write(heldRevision, Instant.now(), lastApplied, lastSequence);
    }

    /** Whether this process may still apply events: it holds the lease, and 90% of the lease time since its last renewal has not passed. */
    boolean valid() {
        return held && nanoTime.getAsLong() < validUntil;
    }

    /** How long until the next renewal is due (zero when due, a lease time when not held). */
    Duration untilRenewal() {
        return held ? Duration.ofNanos(Math.max(0, renewAt - nanoTime.getAsLong())) : Duration.ofNanos(leaseNanos);
    }

    /** Gives the lease up at once (a delete marker, expecting our revision), so that a waiting process takes over without waiting a lease time. */
    void release() {
        if (!held) {
            return;
        }
        held = false;
        try {
            bucket.write(ViewKeys.LEASE, null, 0, heldRevision).get(bucket.writeWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // taken over already, or the bucket is gone: either way it is not ours any more
            LOG.log(System.Logger.Level.DEBUG, "projection {0}: lease not released: {1}", describe, e.toString());
        }
    }

    /** The current holder of a bucket's lease as stored, if any (for the status of processes that do not hold it). */
    static Optional<Holder> holderOf(ViewBucket bucket) throws InterruptedException {
        return bucket.read(ViewKeys.LEASE).filter(entry -> !entry.removed()).map(Lease::parse);
    }

    private boolean write(long expected, Instant now, Instant lastApplied, long lastSequence) throws Exception {
        long sent = nanoTime.getAsLong();
        byte[] value = JSON.writeValueAsBytes(new Holder(holder, process, since == null ? now : since, lastApplied,
                lastSequence));
        try {
            heldRevision = bucket.write(ViewKeys.LEASE, value, 0, expected).get(leaseNanos / 3, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (Failures.isWrongLastSequence(e)) {
                if (held) {
                    LOG.log(System.Logger.Level.WARNING, "projection {0}: lost the lease to another process", describe);
                }
                held = false;
                return false;
            }
            throw e;
        }
        held = true;
        validUntil = sent + leaseNanos / 10 * 9;
        renewAt = sent + leaseNanos / 3;
        return true;
    }

    private static Holder parse(ViewBucket.Entry entry) {
        try {
            return JSON.readValue(entry.data(), Holder.class);
        } catch (IOException e) {
            return null; // an unreadable lease is treated as anybody's once it is not renewed
        }
    }
}

package io.rita.projection;

import io.nats.client.Connection;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease that lets one process at a time apply a projection version, on a real bucket and a
 * clock the test moves: who takes it when, when it is renewed and counted valid, and how a
 * process that stopped renewing loses it. Projector tests show it end to end; these pin each
 * rule to its moment.
 */
@Timeout(60)
class LeaseTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration LEASE = Duration.ofSeconds(9);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    /** One monotonic clock for every lease here: the test moves it; only the bucket's writes are real. */
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private ViewBucket bucket;

    @BeforeEach
    void bucket(TestInfo test) throws Exception {
        bucket = new ViewBucket(nats.connection(), "lease_" + Integer.toHexString(test.getDisplayName().hashCode()),
                Duration.ofSeconds(5));
        bucket.ensure(1);
    }

    private Lease lease(String holder) {
        return new Lease(bucket, holder, "host-" + holder, LEASE, clock::get, "tallies v1");
    }

    private void advance(long nanos) {
        clock.addAndGet(nanos);
    }

    @Test
    void a_free_lease_is_taken_at_once_and_says_who_holds_it_and_how_far() throws Exception {
        Lease first = lease("a");

        assertThat(first.acquire(NOW, null, 0)).isTrue();
        assertThat(first.valid()).isTrue();
        long revision = bucket.read(ViewKeys.LEASE).orElseThrow().revision();
        assertThat(first.acquire(NOW, null, 0)).as("held and valid").isTrue();
        assertThat(bucket.read(ViewKeys.LEASE).orElseThrow().revision()).as("nothing written for it").isEqualTo(revision);
        assertThat(first.renew(NOW.plusSeconds(1), 42)).isTrue();

        Lease.Holder holder = Lease.holderOf(bucket).orElseThrow();
        assertThat(holder).isEqualTo(new Lease.Holder("a", "host-a", NOW, NOW.plusSeconds(1), 42));
    }

    @Test
    void another_process_takes_it_only_after_a_whole_lease_time_without_renewal() throws Exception {
        Lease first = lease("a");
        Lease second = lease("b");
        assertThat(first.acquire(NOW, null, 0)).isTrue();

        assertThat(second.acquire(NOW, null, 0)).as("first sight of a's revision").isFalse();
        advance(LEASE.toNanos() - 1);
        assertThat(second.acquire(NOW, null, 0)).as("one nanosecond short of a lease time").isFalse();
        advance(1);
        assertThat(second.acquire(NOW, null, 0)).as("a whole lease time on b's own clock").isTrue();

        assertThat(first.valid()).as("a counted it valid for 90% of the lease time only").isFalse();
        assertThat(first.renew(NOW, 0)).as("a's renewal expects a revision that is gone").isFalse();
        assertThat(first.acquire(NOW, null, 0)).as("a sees b's revision for the first time").isFalse();
        assertThat(Lease.holderOf(bucket).orElseThrow().holder()).isEqualTo("b");
    }

    @Test
    void a_renewal_starts_the_other_process_waiting_again() throws Exception {
        Lease first = lease("a");
        Lease second = lease("b");
        first.acquire(NOW, null, 0);
        second.acquire(NOW, null, 0);

        advance(LEASE.toNanos() / 2);
        assertThat(first.renew(NOW, 1)).isTrue();
        advance(LEASE.toNanos() / 2 + 1);

        assertThat(second.acquire(NOW, null, 0)).as("a renewed half a lease time ago: a new revision").isFalse();
        advance(LEASE.toNanos());
        assertThat(second.acquire(NOW, null, 0)).isTrue();
    }

    @Test
    void the_holder_renews_every_third_and_counts_it_valid_for_nine_tenths_of_the_lease_time() throws Exception {
        Lease first = lease("a");
        assertThat(first.untilRenewal()).as("not held: a whole lease time").isEqualTo(LEASE);
        assertThat(first.renewDue()).as("not held").isFalse();

        first.acquire(NOW, null, 0);

        assertThat(first.untilRenewal()).isEqualTo(LEASE.dividedBy(3));
        advance(LEASE.toNanos() / 3 - 1);
        assertThat(first.renewDue()).isFalse();
        assertThat(first.untilRenewal()).isEqualTo(Duration.ofNanos(1));
        advance(1);
        assertThat(first.renewDue()).isTrue();
        assertThat(first.untilRenewal()).isZero();
        advance(LEASE.toNanos());
        assertThat(first.untilRenewal()).as("never negative").isZero();

        assertThat(first.renew(NOW, 0)).isTrue(); // valid again, from the moment it was sent
        advance(LEASE.toNanos() / 10 * 9 - 1);
        assertThat(first.valid()).isTrue();
        advance(1);
        assertThat(first.valid()).isFalse();
        assertThat(first.acquire(NOW, null, 0)).as("its own lease, taken again at once").isTrue();
        assertThat(first.valid()).isTrue();
    }

    @Test
    void a_released_lease_is_taken_at_once_and_a_restarted_holder_takes_its_own_back() throws Exception {
        Lease first = lease("a");
        first.acquire(NOW, null, 0);

        first.release();

        assertThat(first.valid()).isFalse();
        assertThat(Lease.holderOf(bucket)).isEmpty();
        assertThat(lease("b").acquire(NOW, null, 0)).as("no waiting for a released lease").isTrue();

        Lease again = lease("b"); // the same holder id, as after a restart that kept it
        assertThat(again.acquire(NOW.plusSeconds(5), null, 0)).isTrue();
        assertThat(Lease.holderOf(bucket).orElseThrow().since()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void an_unreadable_lease_is_anybodys_once_it_is_not_renewed_for_a_lease_time() throws Exception {
        bucket.write(ViewKeys.LEASE, "not json".getBytes(StandardCharsets.UTF_8), 0, 0).get(5, TimeUnit.SECONDS);
        Lease taker = lease("a");

        assertThat(Lease.holderOf(bucket)).as("no holder to report").isEmpty();
        assertThat(taker.acquire(NOW, null, 0)).isFalse();
        advance(LEASE.toNanos());
        assertThat(taker.acquire(NOW, null, 0)).isTrue();
    }

    /**
     * Many processes that find the lease free, or due for a takeover, at the same moment: the
     * bucket's compare-and-set lets exactly one of them have it, each round, and the losers know
     * they lost. Each has its own connection, as separate processes would.
     */
    @Test
    void of_many_processes_racing_for_the_lease_exactly_one_gets_it() throws Exception {
        int processes = 12;
        List<Connection> connections = new ArrayList<>();
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            Connection connection = nats.connect();
            connections.add(connection);
            leases.add(new Lease(new ViewBucket(connection, bucket.name(), Duration.ofSeconds(5)), "p" + i,
                    "host-p" + i, LEASE, clock::get, "tallies v1"));
        }
        try {
            List<String> winners = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                // round 0: a free lease; then: every process has seen the holder's revision, and a
                // lease time passes without a renewal
                List<Boolean> took = race(leases);
                assertThat(took).as("round " + round).containsOnlyOnce(true);
                Lease winner = leases.get(took.indexOf(true));
                assertThat(winner.valid()).isTrue();
                String holder = Lease.holderOf(bucket).orElseThrow().holder();
                assertThat(holder).as("the one the bucket names").isEqualTo("p" + took.indexOf(true));
                winners.add(holder);
                List<Boolean> seen = race(leases);
                assertThat(seen).as("the others see the new holder; it keeps the lease").containsOnlyOnce(true);
                advance(LEASE.toNanos());
            }
            assertThat(winners).hasSize(5);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** Every lease's acquire at once (as far as threads go), after a common start. */
    private static List<Boolean> race(List<Lease> leases) throws Exception {
        CyclicBarrier start = new CyclicBarrier(leases.size());
        try (ExecutorService threads = Executors.newFixedThreadPool(leases.size())) {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (Lease lease : leases) {
                attempts.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return lease.acquire(NOW, null, 0);
                }));
            }
            List<Boolean> took = new ArrayList<>();
            for (Future<Boolean> attempt : attempts) {
                took.add(attempt.get(20, TimeUnit.SECONDS));
            }
            return took;
        }
    }
}

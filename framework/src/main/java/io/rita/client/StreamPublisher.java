package io.rita.client;

import io.rita.eventstore.StoredEvent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A live stream as a {@link Flow.Publisher}: each subscriber gets its own {@link LiveStream},
 * pulled on a virtual thread of its own only as far as the subscriber has asked, so a slow
 * subscriber is never flooded (it may fall behind the service instead, which ends its stream
 * with a gap).
 */
final class StreamPublisher implements Flow.Publisher<StoredEvent> {

    private static final System.Logger LOG = System.getLogger(StreamPublisher.class.getName());

    /** How long the pump waits for an event before it looks at cancellation again. */
    private static final Duration SLICE = Duration.ofMillis(100);

    private final Supplier<LiveStream> start;

    StreamPublisher(Supplier<LiveStream> start) {
        this.start = start;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StoredEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Pump pump = new Pump(subscriber);
        subscriber.onSubscribe(pump);
        Thread.ofVirtual().name("rita-live-stream").start(pump);
    }

    /** One subscriber's subscription and the loop that feeds it. */
    private final class Pump implements Flow.Subscription, Runnable {

        private final Flow.Subscriber<? super StoredEvent> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Thread thread;
        private volatile IllegalArgumentException badRequest;

        Pump(Flow.Subscriber<? super StoredEvent> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                // rule 3.9 of reactive streams: signal the error through onError, from the pump
                badRequest = new IllegalArgumentException("request(" + n + "): a subscriber must request at least 1");
            } else {
                demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            }
            LockSupport.unpark(thread);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            if (cancelled.get()) {
                return;
            }
            LiveStream stream;
            try {
                stream = start.get();
            } catch (RuntimeException e) {
                signal(() -> subscriber.onError(e), "onError");
                return;
            }
            RuntimeException failure = null;
            try (stream) {
                while (!cancelled.get()) {
                    if (badRequest != null) {
                        failure = badRequest;
                        break;
                    }
                    if (demand.get() <= 0) {
                        // the end may come without demand (rule 1.4), and must be told so (1.5)
                        if (stream.endedWhileIdle()) {
                            break;
                        }
                        LockSupport.parkNanos(SLICE.toNanos());
                        continue;
                    }
                    Optional<StoredEvent> event = stream.poll(SLICE);
                    if (event.isPresent()) {
                        demand.decrementAndGet();
                        StoredEvent next = event.get();
                        signal(() -> subscriber.onNext(next), "onNext");
                    } else if (!stream.isOpen()) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            // the one terminal signal, outside the stream's try: the subscriber's own exception is
            // not the stream's failure
            RuntimeException end = failure;
            signal(end == null ? subscriber::onComplete : () -> subscriber.onError(end), end == null ? "onComplete"
                    : "onError");
        }

        /**
         * Signals the subscriber unless it cancelled (rule 3.6 asks for nothing after a cancel,
         * as soon as can be). A subscriber that throws breaks rule 2.13, which makes that a
         * cancel: the exception is its own, so it is logged, not sent back to it.
         */
        private void signal(Runnable call, String what) {
            if (cancelled.get()) {
                return;
            }
            try {
                call.run();
            } catch (RuntimeException e) {
                cancelled.set(true);
                LOG.log(System.Logger.Level.ERROR, "the subscriber of a live stream threw from " + what
                        + "; its subscription is cancelled", e);
            }
        }
    }
}

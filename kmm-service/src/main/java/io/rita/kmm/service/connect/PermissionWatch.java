package io.rita.kmm.service.connect;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a refused publish fail at once instead of after a timeout. A server that refuses a
 * message for lack of permission drops it and tells the client asynchronously ({@code -ERR
 * 'Permissions Violation ...'}), which jnats passes to its {@link ErrorListener}: a request to
 * that subject would simply never be answered. Install the watch as the connection's error
 * listener; before each request, {@link #watch} its subjects and wait for the reply or the
 * violation, whichever comes first.
 *
 * <pre>{@code
 * PermissionWatch permissions = new PermissionWatch();
 * Connection connection = Nats.connect(new Options.Builder().server(url).errorListener(permissions).build());
 * try (PermissionWatch.Watch watch = permissions.watch("kmm.services.susie.deposit-funds", "_INBOX.>")) {
 *     CompletableFuture<Message> reply = connection.request("kmm.services.susie.deposit-funds", body);
 *     CompletableFuture.anyOf(reply, watch.violation()).get(5, TimeUnit.SECONDS);
 *     ...
 * }
 * }</pre>
 *
 * <p>Every other error is ignored here: jnats logs nothing through this listener, and callers
 * report failures once, with a hint. Thread-safe.
 */
public final class PermissionWatch implements ErrorListener {

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    /**
     * Starts watching for a violation on any of the subjects (a subject ending in {@code >}
     * covers everything under it).
     *
     * @return the watch; close it when the request is over
     */
    public Watch watch(String... subjects) {
        Watch watch = new Watch(List.of(subjects));
        watches.add(watch);
        return watch;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        PermissionViolation.parse(error).ifPresent(violation -> {
            for (Watch watch : watches) {
                if (watch.subjects.stream().anyMatch(violation::concerns)) {
                    watch.violation.complete(violation);
                }
            }
        });
    }

    /** One request's watch: completes with the first violation on its subjects. */
    public final class Watch implements AutoCloseable {

        private final List<String> subjects;
        private final CompletableFuture<PermissionViolation> violation = new CompletableFuture<>();

        private Watch(List<String> subjects) {
            this.subjects = subjects;
        }

        /** Completes when the server refuses one of the watched subjects; never fails. */
        public CompletableFuture<PermissionViolation> violation() {
            return violation;
        }

        /** Stops watching. */
        @Override
        public void close() {
            watches.remove(this);
        }
    }
}

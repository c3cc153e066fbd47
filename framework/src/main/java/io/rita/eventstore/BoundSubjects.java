package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.rita.internal.StoreSetupException;

import java.io.IOException;
import java.util.List;

/**
 * The subjects a store's stream takes, as last seen, so that a read of a subject outside them is
 * told as the mistake it is: a direct get of a subject the stream does not take finds nothing,
 * and a query with a typo in its subject would answer an empty aggregate for ever. Learned from
 * the stream's own settings (create, ensure, update, open, info, or the {@link StreamCheck} before
 * a store's first read); until then reads are not checked. A
 * subject outside the known ones is looked up once more before it is refused, since another
 * process may have added it to the stream since.
 */
final class BoundSubjects {

    private final JetStreamManagement management;
    private final String store;
    /** The stream's subjects as last seen; {@code null} until seen. */
    private volatile List<String> known;

    BoundSubjects(Connection connection, String store) {
        this.management = NobodyListens.lookups(connection);
        this.store = store;
    }

    /** What the stream's settings say it takes. */
    void learn(List<String> subjects) {
        known = List.copyOf(subjects);
    }

    /**
     * Returns at once for a wildcard, for a subject the known subjects take, or when none are
     * known; else asks the stream, and refuses the read when it does not take the subject either.
     *
     * @throws StoreSetupException when the stream does not take {@code subject}
     */
    void requireTaken(String subject, String action) {
        List<String> now = known;
        if (now == null || !Subjects.isConcrete(subject) || takes(now, subject)) {
            return;
        }
        try {
            now = management.getStreamInfo(store).getConfiguration().getSubjects();
        } catch (JetStreamApiException | IOException | RuntimeException e) {
            return; // it cannot tell now: the read says what it finds
        }
        known = List.copyOf(now);
        if (!takes(now, subject)) {
            throw StoreSetupException.untaken(store, subject, action, now, null);
        }
    }

    private static boolean takes(List<String> filters, String subject) {
        for (String filter : filters) {
            if (Subjects.matches(filter, subject)) {
                return true;
            }
        }
        return false;
    }
}

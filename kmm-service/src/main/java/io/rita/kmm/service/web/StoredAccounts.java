package io.rita.kmm.service.web;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Subjects;
import io.rita.kmm.service.KmmSubjects;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The accounts as the store knows them: the subjects {@code kmm.events.accounts.*} that hold
 * messages, read from JetStream's stream info with a subjects filter (one request, which lists
 * each subject with its message count; no message is read).
 *
 * <pre>{@code
 * AccountList accounts = StoredAccounts.of(connection, KmmSubjects.STORE);
 * accounts.names();   // [bobby, susie]
 * }</pre>
 *
 * <p>The server builds that list from its subject index on every call, which is fine for a
 * family's handful of accounts; the accounts projection of the history issue is meant to
 * replace this for larger stores.
 */
public final class StoredAccounts implements AccountList {

    private static final String FILTER = KmmSubjects.ACCOUNTS + ".*";

    private final JetStreamManagement management;
    private final String stream;

    private StoredAccounts(JetStreamManagement management, String stream) {
        this.management = management;
        this.stream = stream;
    }

    /**
     * The accounts of the stream {@code stream} on {@code connection}.
     *
     * @throws EventStoreException when the connection has no JetStream context
     */
    public static StoredAccounts of(Connection connection, String stream) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(stream, "stream");
        try {
            return new StoredAccounts(connection.jetStreamManagement(), stream);
        } catch (IOException e) {
            throw new EventStoreException(FILTER, "cannot read the accounts of " + stream + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> names() {
        try {
            List<Subject> subjects = management.getStreamInfo(stream, StreamInfoOptions.filterSubjects(FILTER))
                    .getStreamState().getSubjects();
            return subjects == null ? List.of() : subjects.stream()
                    .map(subject -> subject.getName().substring(KmmSubjects.ACCOUNTS.length() + 1))
                    // the filter matches one token; another writer's odd subject is left out, not shown
                    .filter(Subjects::isToken)
                    .sorted()
                    .toList();
        } catch (IOException | JetStreamApiException e) {
            throw new EventStoreException(FILTER, "cannot read the accounts of " + stream + ": " + e.getMessage(), e);
        }
    }
}

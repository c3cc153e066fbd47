package io.rita.eventstore;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.rita.internal.DirectGet;
import io.rita.internal.MessageReads;
import io.rita.internal.StoredMessage;
import io.rita.internal.SubjectReader.Started;
import io.rita.internal.SubjectReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The loads of a {@link JetStreamEventStore}: a subject's cut-off (its last message), the reads
 * that do not depend on it sent at the same time, then {@link SubjectReader} for the rest, each
 * message unpacked and decoded through the store's registry.
 */
final class SubjectLoads {

    private final String store;
    private final EventEncoding encoding;
    private final DirectGet directGet;
    private final MessageReads reads;
    private final StoreErrors.Failures failures;
    private final SubjectReader reader;

    SubjectLoads(String store, EventEncoding encoding, DirectGet directGet, MessageReads reads,
                 StoreErrors.Failures failures, SubjectReader reader) {
        this.store = store;
        this.encoding = encoding;
        this.directGet = directGet;
        this.reads = reads;
        this.failures = failures;
        this.reader = reader;
    }

    /** As {@link EventStore#load(String, long, UnknownTypes)}. */
    LoadResult load(String subject, long afterSequence, UnknownTypes unknown) {
        EventEncoding.checkLoad(subject, afterSequence);
        Objects.requireNonNull(unknown, "unknown");
        // the first message after afterSequence does not depend on the cut-off: both requests go out at once
        CompletableFuture<Optional<Message>> firstRead = directGet.nextAsync(subject, afterSequence + 1);
        Optional<StoredMessage> lastMessage = lastMessage(subject);
        Started started = new Started(firstRead, null, null);
        return read(subject, afterSequence, lastMessage,
                sink -> reader.read(subject, afterSequence, lastMessage.get(), started, sink), unknown);
    }

    /**
     * As {@link EventStore#load(String, CompletableFuture, UnknownTypes)}: the cut-off and a read
     * from the subject's start go out at once; with no snapshot the first event is then there when
     * the sequence is; after a snapshot, {@link SubjectReader#readAfter}.
     */
    LoadResult load(String subject, CompletableFuture<Long> afterSequence, UnknownTypes unknown) {
        Subjects.requireConcrete("a load after a snapshot", subject);
        Objects.requireNonNull(unknown, "unknown");
        CompletableFuture<Optional<Message>> fromStart = directGet.nextAsync(subject, 1);
        Optional<StoredMessage> lastMessage = lastMessage(subject);
        long after = StoreErrors.awaitSequence(subject, afterSequence);
        EventEncoding.checkLoad(subject, after);
        if (after == 0) {
            Started started = new Started(fromStart, null, null);
            return read(subject, after, lastMessage, sink -> reader.read(subject, after, lastMessage.get(), started, sink),
                    unknown);
        }
        // the caller expects the event right after `after` to be the subject's (a snapshot's covered
        // event); the read from the start says where the subject starts, should a consumer read the rest
        return read(subject, after, lastMessage, sink -> reader.readAfter(subject, after, lastMessage.get(), fromStart,
                sink), unknown);
    }

    /** How a load's messages are read: one of {@link SubjectReader}'s reads. */
    private interface Reading {
        void into(Consumer<StoredMessage> sink)
                throws IOException, JetStreamApiException, InterruptedException;
    }

    private LoadResult read(String subject, long afterSequence, Optional<StoredMessage> lastMessage, Reading reading,
                            UnknownTypes unknown) {
        long last = lastMessage.map(StoredMessage::sequence).orElse(0L);
        if (last <= afterSequence) {
            return new LoadResult(List.of(), last);
        }
        List<StoredEvent> events = new ArrayList<>();
        try {
            reading.into(message -> {
                try {
                    for (EncodedEvent wire : MessagePacking.unpack(message.headers(), message.data())) {
                        events.add(encoding.decode(wire, message.subject(), message.sequence(), unknown));
                    }
                } catch (IllegalStateException e) {
                    throw EventDecodingException.ofForeignMessage(message.subject(), message.sequence(), e);
                }
            });
        } catch (IOException | JetStreamApiException | IllegalStateException | DirectGet.DirectGetException e) {
            throw failure(subject, "load " + subject, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException(subject, "interrupted while loading " + subject, e);
        }
        return new LoadResult(events, last);
    }

    /** The subject's last message: a load's cut-off (on a replicated stream, the leader's). */
    Optional<StoredMessage> lastMessage(String subject) {
        try {
            return reads.last(subject);
        } catch (IOException | JetStreamApiException | DirectGet.DirectGetException e) {
            throw failure(subject, "read the last event of " + subject + " in store '" + store + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException(subject, "interrupted while reading " + subject, e);
        }
    }

    private EventStoreException failure(String subject, String action, Throwable cause) {
        return failures.failure(subject, action, cause);
    }
}

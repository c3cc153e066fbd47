package io.rita.eventstore;

import io.nats.client.impl.Headers;
import io.rita.internal.StoreSetupException;
import io.rita.types.CodecException;
import io.rita.types.Encoded;
import io.rita.types.TypeRegistry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules every {@link EventStore} shares: the checks of append and load arguments, filling
 * in ids and times, and encoding data through the registry and back. The supported way for
 * another store (such as the test kit's in-memory store) to behave exactly like
 * {@link JetStreamEventStore}.
 *
 * <pre>{@code
 * EventEncoding encoding = new EventEncoding(options);
 * List<EncodedEvent> stored = encoding.encode(subject, events);   // on append
 * StoredEvent loaded = encoding.decode(stored.get(0), subject, sequence);   // on load
 * }</pre>
 *
 * <p>A client that receives stored messages themselves (a service's live stream) reads them
 * with {@link #unpack} and then {@link #decode}.
 */
public final class EventEncoding {

    /** The codec name used for raw bytes. */
    static final String BINARY = "binary";

    private final RitaOptions options;

    /** Encoding with the registry, clock and ids of {@code options}. */
    public EventEncoding(RitaOptions options) {
        this.options = options;
    }

    /**
     * Checks an append's subject and events and prepares them for storing: ids from the options'
     * id source where missing, one time from the options' clock for all events without one, data
     * through the registry.
     *
     * @throws IllegalArgumentException when the subject is not concrete, there are no events, an id,
     *                                  time or meta entry cannot be stored, or the registry cannot
     *                                  encode an event's data
     */
    public List<EncodedEvent> encode(String subject, List<Event> events) {
        Subjects.requireConcrete("an append", subject);
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("append needs at least one event");
        }
        OffsetDateTime now = null;
        List<EncodedEvent> encoded = new ArrayList<>(events.size());
        for (Event event : events) {
            if (event.time() == null && now == null) {
                now = OffsetDateTime.now(options.clock());
            }
            encoded.add(encode(event, event.time() != null ? event.time() : now));
        }
        return encoded;
    }

    private EncodedEvent encode(Event event, OffsetDateTime time) {
        String id = event.id() != null ? event.id() : options.newId();
        if (!isId(id)) {
            throw new IllegalArgumentException("event id must be printable ASCII without spaces, was '" + id + "'");
        }
        checkTime(time);
        for (Map.Entry<String, String> entry : event.meta().entrySet()) {
            checkMeta(entry.getKey(), entry.getValue());
        }
        Encoded data = options.types().encode(event.type(), event.data());
        return new EncodedEvent(id, time, data.type(), data.version(), data.codec(), event.meta(), data.data());
    }

    /**
     * Whether {@code id} may be an event id: one or more visible ASCII characters (no spaces), so
     * that it survives as a NATS header. Command and correlation ids follow the same rule.
     */
    public static boolean isId(String id) {
        return id != null && !id.isEmpty() && isAscii(id, 0x21);
    }

    /**
     * Checks one metadata entry as an append does, for callers that take metadata before it
     * reaches a store (a command's options), so that a bad entry is refused where it was given.
     *
     * @throws IllegalArgumentException when the key is not letters, digits, '_' or '-', or the
     *                                  value not printable ASCII without surrounding spaces
     */
    public static void checkMeta(String key, String value) {
        if (key == null || !isMetaKey(key)) {
            throw new IllegalArgumentException("meta key '" + key + "' must be letters, digits, '_' or '-'");
        }
        // Meta values travel as header values: NATS headers are ASCII, and surrounding white space
        // is trimmed on the way, so anything else would not come back as it was appended.
        if (value == null || !isAscii(value, 0x20)
                || (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '))) {
            throw new IllegalArgumentException("meta value for '" + key + "' must be printable ASCII without "
                    + "leading or trailing spaces, was '" + value + "'");
        }
    }

    // Loops rather than a regex and streams: every event of every command passes here, and they
    // showed in the profile of a command (docs/benchmarks.md).

    /**
     * Whether {@code key} is letters, digits, '_' or '-', at least one: metadata keys become
     * header names ({@code rita-meta-<key>}), so they keep to safe header characters.
     */
    private static boolean isMetaKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Whether every character of {@code text} is printable ASCII from {@code lowest} to '~'. */
    private static boolean isAscii(String text, int lowest) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < lowest || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void checkTime(OffsetDateTime time) {
        // RFC 3339 (and Go's parser) know offsets in whole minutes and four-digit years only.
        if (time.getOffset().getTotalSeconds() % 60 != 0 || time.getYear() < 0 || time.getYear() > 9999) {
            throw new IllegalArgumentException("event time " + time + " cannot be written as RFC 3339: "
                    + "the offset must be whole minutes and the year between 0000 and 9999");
        }
    }

    /**
     * Checks an append's expectation: {@code null} must not mean "no check", where a helper that
     * returned null would lose updates without a word.
     *
     * @throws NullPointerException when {@code expected} is null, saying what to pass instead
     */
    public static void checkExpected(Expected expected) {
        Objects.requireNonNull(expected, "expected: Expected.any() to append without a check, or Expected.sequence(n)");
    }

    /**
     * Refuses {@code subject} when none of {@code subjects} takes it, as a JetStream store does, so
     * that a store of another kind (the test kit's in-memory store) fails the same way: a
     * store-setup failure (nothing was stored; a service answers a 500 that says sending again will
     * not help) naming the store's subjects.
     *
     * @param action what was asked, e.g. {@code "append to orders.1"} or {@code "read orders.1"}
     * @throws EventStoreException when no subject of the store takes {@code subject}
     */
    public static void checkTaken(String store, List<String> subjects, String subject, String action) {
        if (subjects.stream().noneMatch(filter -> Subjects.matches(filter, subject))) {
            throw StoreSetupException.untaken(store, subject, action, subjects, null);
        }
    }

    /**
     * Checks a load's arguments.
     *
     * @throws IllegalArgumentException when {@code subject} is not a subject or filter, or
     *                                  {@code afterSequence} is negative
     */
    public static void checkLoad(String subject, long afterSequence) {
        Subjects.requireFilter("load", subject);
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must be >= 0, was " + afterSequence);
        }
    }

    /**
     * Reads one message of a store's stream as a JetStream consumer delivers it: one event, or
     * the events of one several-event append (which share the message's sequence), unpacked and
     * decoded through the registry. What projections read the stream with.
     *
     * @throws EventDecodingException    when the registry does not know an event's type, or its data cannot be
     *                                   decoded, or the message is not a Rita event at all (then its
     *                                   {@link EventDecodingException#type()} is null)
     */
    public List<StoredEvent> decodeMessage(String subject, long sequence, Headers headers, byte[] data) {
        List<EncodedEvent> encoded;
        try {
            encoded = MessagePacking.unpack(headers, data);
        } catch (IllegalStateException e) {
            throw EventDecodingException.ofForeignMessage(subject, sequence, e);
        }
        List<StoredEvent> events = new ArrayList<>(encoded.size());
        for (EncodedEvent event : encoded) {
            events.add(decode(event, subject, sequence));
        }
        return events;
    }

    /**
     * Rebuilds an event loaded from {@code subject} at {@code sequence}, failing on an unknown type.
     *
     * @throws EventDecodingException    when the registry does not know the type, or the data cannot be decoded
     *                                   (or upcast)
     */
    public StoredEvent decode(EncodedEvent stored, String subject, long sequence) {
        return decode(stored, subject, sequence, UnknownTypes.FAIL);
    }

    /**
     * Rebuilds an event loaded from {@code subject} at {@code sequence}: its data through the
     * registry (upcast when stored at an older version), its type under the current name (an event
     * stored under an old name reports the name it has now). An event of a type the registry does
     * not know fails, or with {@link UnknownTypes#KEEP} comes back with an {@link Encoded} as its
     * data and its stored type name.
     *
     * @throws EventDecodingException    when the registry does not know the type and {@code unknown} is FAIL, or
     *                                   the data cannot be decoded (or upcast)
     */
    public StoredEvent decode(EncodedEvent stored, String subject, long sequence, UnknownTypes unknown) {
        TypeRegistry types = options.types();
        Optional<Object> decoded;
        try {
            decoded = types.decode(stored.type(), stored.codec(), stored.version(), stored.data());
        } catch (CodecException e) {
            throw new EventDecodingException(stored.type(), stored.version(), subject, sequence, e);
        }
        if (decoded.isEmpty()) {
            if (unknown == UnknownTypes.KEEP) {
                return new StoredEvent(stored.id(), stored.time(), stored.type(),
                        new Encoded(stored.type(), stored.version(), stored.codec(), stored.data()), stored.meta(),
                        subject, sequence);
            }
            throw EventDecodingException.ofUnknownType(stored.type(), stored.version(), subject, sequence);
        }
        Object data = decoded.get();
        // an old name (alias) decodes into the current record: report the name that goes with it
        String type = types.nameOf(data.getClass()).orElse(stored.type());
        return new StoredEvent(stored.id(), stored.time(), type, data, stored.meta(), subject, sequence);
    }

    /**
     * The events one stored message carries: one event, or the several events of one append
     * (see {@code docs/wire-format.md}), still encoded, so that each can be decoded on its own
     * with {@link #decode}.
     *
     * @param headers the message's headers (the first value of each)
     * @param data    the message's payload
     * @throws IllegalArgumentException when the message is not a Rita event message
     */
    public static List<EncodedEvent> unpack(Map<String, String> headers, byte[] data) {
        Headers wire = new Headers();
        headers.forEach(wire::put);
        try {
            return MessagePacking.unpack(wire, data);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

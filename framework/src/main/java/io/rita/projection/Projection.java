package io.rita.projection;

import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.Subjects;
import io.rita.types.Codec;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a read model is made of: which events (a subject filter of the store, wildcards allowed),
 * which key each event updates, and a pure function from the key's current view and the event to
 * its new view. A {@link Projector} runs it into a JetStream key-value bucket; {@link Views}
 * reads it.
 *
 * <pre>{@code
 * record Row(BigDecimal balance) {}
 *
 * Projection<AccountEvent, Row> accounts = Projection.of("accounts", "kmm.events.accounts.*",
 *         AccountEvent.class, Row.class,
 *         (row, event) -> Optional.of(switch (event) {
 *             case FundsDeposited d -> new Row(row.map(Row::balance).orElse(ZERO).add(d.amount()));
 *             case FundsWithdrawn w -> new Row(row.map(Row::balance).orElse(ZERO).subtract(w.amount()));
 *             case BudgetSet b -> row.orElse(new Row(ZERO));
 *             case BudgetRemoved r -> row.orElse(new Row(ZERO));
 *         }));
 * // key: the subject's last token (kmm.events.accounts.susie -> "susie"); see withKey
 * }</pre>
 *
 * <p>The function gets {@link Optional#empty()} for a key that has no view yet (or was removed),
 * and returns the new view, or {@link Optional#empty()} to remove the key. It must be pure: it
 * may be called again for the same event (after a failure, or when another process wrote the
 * key first), and only its last result per event counts.
 *
 * <p>{@link #version()} names a generation of the read model: a changed function, key or view
 * shape is a new version, which a projector builds from the start of the stream in a bucket of
 * its own ({@code <name>-v<version>}) while the previous version keeps serving.
 *
 * @param name      one word ({@code A-Z a-z 0-9 _ -}, at most 64 characters): names the bucket
 *                  ({@code <name>-v<version>}) and the durable consumer ({@code projection-<name>-v<version>})
 * @param version   the generation, 1 or more
 * @param filter    the subjects of the store whose events are projected, e.g. {@code kmm.events.accounts.*}
 * @param eventType what every event of the filter is an instance of (a sealed interface, typically)
 * @param viewType  the view's class, for decoding views back
 * @param key       the key an event updates; by default {@link #lastToken()}
 * @param apply     the new view of the key after the event, or empty to remove the key
 * @param codec     how views are encoded; {@code null} for the store's registry's JSON codec (the default)
 * @param <E>       the event type
 * @param <V>       the view type
 */
public record Projection<E, V>(String name, int version, String filter, Class<E> eventType, Class<V> viewType,
                               Function<StoredEvent, String> key, BiFunction<Optional<V>, E, Optional<V>> apply,
                               Codec codec) {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when the name is not one word, the version is below 1, or the
     *                                  filter is not a subject filter
     */
    public Projection {
        requireName(name);
        if (version < 1) {
            throw new IllegalArgumentException("a projection version must be 1 or more, was " + version);
        }
        Subjects.requireFilter("a projection", filter);
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(viewType, "viewType");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(apply, "apply");
    }

    /**
     * Version 1 of a projection keyed by the last token of each event's subject, its views
     * encoded with the store's JSON codec.
     *
     * @throws IllegalArgumentException as the constructor
     */
    public static <E, V> Projection<E, V> of(String name, String filter, Class<E> eventType, Class<V> viewType,
                                             BiFunction<Optional<V>, E, Optional<V>> apply) {
        return new Projection<>(name, 1, filter, eventType, viewType, lastToken(), apply, null);
    }

    /** This projection as another generation, built in a bucket of its own. */
    public Projection<E, V> withVersion(int newVersion) {
        return new Projection<>(name, newVersion, filter, eventType, viewType, key, apply, codec);
    }

    /**
     * This projection with another key function. A key is any non-empty text; characters that a
     * key-value key cannot hold are escaped in the bucket ({@code =XX} per UTF-8 byte) and
     * unescaped by {@link Views}.
     */
    public Projection<E, V> withKey(Function<StoredEvent, String> newKey) {
        return new Projection<>(name, version, filter, eventType, viewType, newKey, apply, codec);
    }

    /** This projection with its views encoded by {@code newCodec} instead of the store's JSON codec. */
    public Projection<E, V> withCodec(Codec newCodec) {
        return new Projection<>(name, version, filter, eventType, viewType, key, apply,
                Objects.requireNonNull(newCodec, "codec"));
    }

    /** The bucket the views of this version live in: {@code <name>-v<version>}. */
    public String bucket() {
        return bucketOf(name, version);
    }

    /** The durable consumer on the store's stream that feeds this version: {@code projection-<name>-v<version>}. */
    public String consumer() {
        return "projection-" + bucket();
    }

    /** {@code <name> v<version>}, as messages name a projection. */
    public String describe() {
        return name + " v" + version;
    }

    /** The key: the last token of the event's subject ({@code kmm.events.accounts.susie} -> {@code susie}). */
    public static Function<StoredEvent, String> lastToken() {
        return event -> event.subject().substring(event.subject().lastIndexOf('.') + 1);
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a projection name must be 1 to 64 of A-Z, a-z, 0-9, '_' or '-' "
                    + "(it names a bucket and a consumer), was '" + name + "'");
        }
    }

    static String bucketOf(String name, int version) {
        return name + "-v" + version;
    }
}

package io.rita.projection;

import java.util.Objects;

/**
 * One view as stored: its key, the view, the stream sequence of the last event applied to it,
 * and its revision in the bucket.
 *
 * <pre>{@code
 * for (ViewEntry<AccountRow> entry : views.entries()) {
 *     print(entry.key() + " " + entry.view().balance());
 * }
 * }</pre>
 *
 * @param key      the view's key, as the projection's key function returned it
 * @param view     the view
 * @param sequence the stream sequence of the last event applied to it
 * @param revision its revision in the key-value bucket
 * @param <V>      the view type
 */
public record ViewEntry<V>(String key, V view, long sequence, long revision) {

    /** Checks that key and view are present. */
    public ViewEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(view, "view");
    }
}

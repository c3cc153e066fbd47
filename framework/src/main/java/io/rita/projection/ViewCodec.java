package io.rita.projection;

import io.rita.types.Codec;
import io.rita.types.CodecException;

import java.util.Optional;

/** Turns the views of one projection version into bytes and back, naming the entry when a view cannot be read. */
final class ViewCodec<V> {

    private final Projection<?, V> projection;
    private final Codec codec;

    ViewCodec(Projection<?, V> projection, Codec storeJson) {
        this.projection = projection;
        this.codec = projection.codec() != null ? projection.codec() : storeJson;
    }

    /** The bytes of a view; {@code null} for a removal. */
    byte[] encode(Optional<V> view) {
        if (view.isEmpty()) {
            return null;
        }
        try {
            return codec.encode(view.get());
        } catch (CodecException e) {
            throw new ProjectionException(projection.name(), projection.version(), "projection "
                    + projection.describe() + " cannot encode its view " + view.get() + " with codec '" + codec.name()
                    + "': " + e.getMessage() + "; make the view type encodable, or give the projection a codec that can",
                    e);
        }
    }

    /**
     * The view of an entry ({@link Optional#empty()} for a removal).
     *
     * @throws ProjectionException naming the bucket, key and revision when the view cannot be decoded,
     *                             or the entry was not written by a projector
     */
    Optional<V> decode(String bucket, ViewBucket.Entry entry) {
        if (entry.sequence() < 0) {
            throw new ProjectionException(projection.name(), projection.version(), "the entry '"
                    + ViewKeys.decode(entry.key()) + "' of bucket " + bucket + " (revision " + entry.revision()
                    + ") was not written by projection " + projection.describe() + " (it has no "
                    + ViewBucket.SEQUENCE_HEADER + " header), so nobody can tell which events it holds; raise the projection's "
                    + "version to build it beside this one, or remove the bucket (nats kv rm " + bucket + ") to have it "
                    + "rebuilt from the start of the stream", null);
        }
        if (entry.removed()) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(entry.data(), projection.viewType()));
        } catch (CodecException | IllegalArgumentException | NullPointerException e) {
            throw new ProjectionException(projection.name(), projection.version(), "the view '"
                    + ViewKeys.decode(entry.key()) + "' of bucket " + bucket + " (revision " + entry.revision()
                    + ") cannot be read as " + projection.viewType().getSimpleName() + ": " + e.getMessage()
                    + "; a view of another shape belongs to another version of the projection: raise the version to"
                    + " build it beside this one, or remove the bucket (nats kv rm " + bucket + ") to have it rebuilt"
                    + " from the start of the stream", e);
        }
    }
}

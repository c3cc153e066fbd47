package io.rita.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.KeyValueManagement;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.types.Codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline of {@link ProjectionCatchUp}: the read model written by hand with jnats. An
 * ordered push consumer (flow control, no acknowledgements) reads the events; each is checked
 * for its type and its data decoded with a Jackson mapper configured like Rita's; the views are
 * folded in a map; every {@code batch} events the views that changed are written to the
 * key-value bucket ({@code $KV.<bucket>.<key>}, the same JSON and the same
 * {@code rita-projection-sequence} header as Rita's), pipelined, and their acknowledgements
 * awaited. What it does not do, and Rita does: compare-and-set on each key's revision, a per-key
 * sequence check, a durable consumer and its acknowledgements, a lease; so it is correct only
 * for one process that is never restarted.
 */
final class RawProjection implements AutoCloseable {

    private static final ObjectMapper MAPPER = Codec.jsonMapper();

    private final Connection connection;
    private final JetStream jetStream;
    private final KeyValueManagement buckets;
    private final String bucket;
    private final int batch;

    RawProjection(Connection connection, String bucket, int batch) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.buckets = connection.keyValueManagement();
        this.bucket = bucket;
        this.batch = batch;
    }

    /** Creates the bucket and folds {@code events} events of {@code filter} into it; returns once every write is acknowledged. */
    void catchUp(String filter, int events) throws Exception {
        buckets.create(KeyValueConfiguration.builder().name(bucket).maxHistoryPerKey(1).storageType(StorageType.File)
                .build());
        JetStreamSubscription subscription = jetStream.subscribe(filter,
                PushSubscribeOptions.builder().ordered(true).build());
        try {
            Map<String, ProjectionCatchUp.Balance> views = new HashMap<>();
            Map<String, Long> dirty = new LinkedHashMap<>();
            for (int read = 1; read <= events; read++) {
                Message message = subscription.nextMessage(Duration.ofSeconds(10));
                if (message == null) {
                    throw new IllegalStateException("the ordered consumer stopped after " + (read - 1) + " events");
                }
                if (!Payload.TYPE.equals(message.getHeaders().getFirst("rita-type"))) {
                    throw new IllegalStateException("unexpected event type on " + message.getSubject());
                }
                FundsDeposited deposit = MAPPER.readValue(message.getData(), FundsDeposited.class);
                String key = message.getSubject().substring(message.getSubject().lastIndexOf('.') + 1);
                views.merge(key, ProjectionCatchUp.Balance.NONE.plus(deposit.amountCents()),
                        (old, one) -> old.plus(deposit.amountCents()));
                dirty.put(key, message.metaData().streamSequence());
                if (read % batch == 0 || read == events) {
                    write(views, dirty);
                    dirty.clear();
                }
            }
        } finally {
            subscription.unsubscribe();
        }
    }

    private void write(Map<String, ProjectionCatchUp.Balance> views, Map<String, Long> dirty) throws Exception {
        List<CompletableFuture<?>> acks = new ArrayList<>(dirty.size());
        for (Map.Entry<String, Long> key : dirty.entrySet()) {
            acks.add(jetStream.publishAsync(NatsMessage.builder().subject("$KV." + bucket + "." + key.getKey())
                    .headers(new Headers().put("rita-projection-sequence", Long.toString(key.getValue())))
                    .data(MAPPER.writeValueAsBytes(views.get(key.getKey()))).build()));
        }
        acks.forEach(CompletableFuture::join);
    }

    /** The views as the bucket holds them. */
    Map<String, ProjectionCatchUp.Balance> stored() throws Exception {
        Map<String, ProjectionCatchUp.Balance> stored = new HashMap<>();
        var values = connection.keyValue(bucket);
        for (String key : values.keys()) {
            KeyValueEntry entry = values.get(key);
            stored.put(key, MAPPER.readValue(entry.getValue(), ProjectionCatchUp.Balance.class));
        }
        return stored;
    }

    @Override
    public void close() {
        try {
            buckets.delete(bucket);
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("cannot remove bucket " + bucket, e));
        }
    }
}

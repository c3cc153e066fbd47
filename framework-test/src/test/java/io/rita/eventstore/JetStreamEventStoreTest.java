package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.rita.eventstore.StoredEvent;
import io.rita.types.Codec;
import io.rita.types.TypeRegistry;
import io.rita.test.DuplicateWindows;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is specific to the JetStream store: wire format, stream management, limits. */
class JetStreamEventStoreTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private JetStreamEventStore store;

    @BeforeEach
    void newStore(TestInfo test) {
        String name = "s" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        store = Rita.of(nats.connection()).eventStore(name);
        store.create();
    }

    private String subject(String id) {
        return store.name() + "." + id;
    }

    @Test
    void writes_one_event_as_one_message_with_ritas_headers() throws Exception {
        OffsetDateTime time = OffsetDateTime.of(2022, 5, 19, 7, 18, 12, 707985190, ZoneOffset.ofHours(-4));
        Event event = Event.of("order-placed", "{}".getBytes(StandardCharsets.UTF_8))
                .withId("ECY04xVdGe8SGsNIsCMIZU").withTime(time).withMeta("user", "ann");

        long sequence = store.append(subject("1"), List.of(event), Expected.sequence(0)).sequence();

        MessageInfo stored = nats.connection().jetStreamManagement().getMessage(store.name(), sequence);
        Headers headers = stored.getHeaders();
        assertThat(headers.getFirst("Nats-Msg-Id")).isEqualTo("ECY04xVdGe8SGsNIsCMIZU");
        assertThat(headers.getFirst("rita-type")).isEqualTo("order-placed");
        assertThat(headers.getFirst("rita-time")).isEqualTo("2022-05-19T07:18:12.70798519-04:00");
        assertThat(headers.getFirst("rita-codec")).isEqualTo("binary");
        assertThat(headers.getFirst("rita-meta-user")).isEqualTo("ann");
        assertThat(headers.getFirst("rita-batch")).isNull();
        assertThat(headers.getFirst("rita-version")).isNull();
        assertThat(stored.getData()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    /** Version 2 of an order: Go Rita's version 1 called the price "Cost". */
    record OrderPlaced(String item, BigDecimal price) {
    }

    private JetStreamEventStore evolved() {
        // Go's encoding/json names fields as the struct does: capitalised
        Codec goStyle = Codec.json(Codec.jsonMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE));
        return Rita.of(nats.connection(), RitaOptions.defaults().withTypes(TypeRegistry.builder().json(goStyle)
                .add("order-placed", OrderPlaced.class)
                .upcast("order-placed", 1, json -> json.set("Price", json.remove("Cost")))
                .build())).eventStore(store.name());
    }

    @Test
    void writes_the_version_of_an_evolved_type_in_a_header() throws Exception {
        long sequence = evolved().append(subject("v"), List.of(Event.of(new OrderPlaced("map", BigDecimal.TEN))))
                .sequence();

        MessageInfo stored = nats.connection().jetStreamManagement().getMessage(store.name(), sequence);
        assertThat(stored.getHeaders().getFirst("rita-type")).isEqualTo("order-placed");
        assertThat(stored.getHeaders().getFirst("rita-version")).isEqualTo("2");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"Item\":\"map\",\"Price\":10}");
    }

    @Test
    void upcasts_an_older_shape_written_the_way_go_rita_writes_it() throws Exception {
        Headers headers = new Headers()
                .put("Nats-Msg-Id", "go-old-1")
                .put("Nats-Expected-Stream", store.name())
                .put("rita-type", "order-placed")
                .put("rita-time", "2022-05-19T07:18:12.70798519-04:00")
                .put("rita-codec", "json");
        nats.connection().jetStream().publish(NatsMessage.builder().subject(subject("go-old")).headers(headers)
                .data("{\"Item\":\"book\",\"Cost\":7.50}".getBytes(StandardCharsets.UTF_8)).build());
        JetStreamEventStore reader = evolved();
        reader.append(subject("go-old"), List.of(Event.of(new OrderPlaced("map", BigDecimal.TEN))));

        LoadResult loaded = reader.load(subject("go-old"));

        assertThat(loaded.events()).extracting(StoredEvent::id, StoredEvent::data).containsExactly(
                org.assertj.core.groups.Tuple.tuple("go-old-1", new OrderPlaced("book", new BigDecimal("7.50"))),
                org.assertj.core.groups.Tuple.tuple(loaded.events().get(1).id(), new OrderPlaced("map", BigDecimal.TEN)));
    }

    @Test
    void reads_an_event_written_the_way_go_rita_writes_it() throws Exception {
        Headers headers = new Headers()
                .put("Nats-Msg-Id", "go-1")
                .put("Nats-Expected-Stream", store.name())
                .put("rita-type", "order-placed")
                .put("rita-time", "2022-05-19T07:18:12.70798519-04:00")
                .put("rita-codec", "binary")
                .put("rita-meta-source", "go");
        JetStream js = nats.connection().jetStream();
        js.publish(NatsMessage.builder().subject(subject("go")).headers(headers).data("raw").build());

        LoadResult loaded = store.load(subject("go"));

        assertThat(loaded.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("go-1");
            assertThat(e.type()).isEqualTo("order-placed");
            assertThat(e.time()).isEqualTo(OffsetDateTime.parse("2022-05-19T07:18:12.70798519-04:00"));
            assertThat(e.meta()).containsEntry("source", "go");
            assertThat((byte[]) e.data()).isEqualTo("raw".getBytes(StandardCharsets.UTF_8));
            assertThat(e.subject()).isEqualTo(subject("go"));
            assertThat(e.sequence()).isEqualTo(loaded.sequence());
        });
    }

    @Test
    void several_events_travel_as_one_batch_message_and_share_its_sequence() throws Exception {
        long sequence = store.append(subject("b"), List.of(
                Event.of("a", new byte[]{1}).withId("first"), Event.of("b", new byte[]{2}).withId("second"))).sequence();

        MessageInfo stored = nats.connection().jetStreamManagement().getMessage(store.name(), sequence);
        assertThat(stored.getHeaders().getFirst("rita-batch")).isEqualTo("2");
        assertThat(stored.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo("first");
        assertThat(store.info().messages()).isEqualTo(1);
        assertThat(store.load(subject("b")).events())
                .extracting(StoredEvent::id, StoredEvent::type, StoredEvent::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", "a", sequence),
                        org.assertj.core.groups.Tuple.tuple("second", "b", sequence));
    }

    @Test
    void creating_an_existing_store_with_the_same_settings_succeeds() {
        StoreInfo again = store.create();

        assertThat(again.config()).isEqualTo(StoreConfig.of(store.name()));
    }

    @Test
    void creating_an_existing_store_with_other_settings_fails_clearly() {
        assertThatThrownBy(() -> Rita.of(nats.connection()).eventStore(StoreConfig.of(store.name())
                .withSubjects("elsewhere.>")).create())
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("already exists with different settings");
    }

    @Test
    void the_default_stream_uses_file_storage_and_allows_direct_get() throws Exception {
        StreamConfiguration config = nats.connection().jetStreamManagement()
                .getStreamInfo(store.name()).getConfiguration();

        assertThat(config.getStorageType()).isEqualTo(StorageType.File);
        assertThat(config.getAllowDirect()).isTrue();
        assertThat(config.getSubjects()).containsExactly(store.name() + ".>");
    }

    @Test
    void a_memory_store_is_a_stream_kept_in_memory_and_its_info_says_so() throws Exception {
        StoreConfig config = StoreConfig.of(store.name() + "m").withStorage(StoreConfig.Storage.MEMORY);

        StoreInfo created = Rita.of(nats.connection()).eventStore(config).create();

        assertThat(nats.connection().jetStreamManagement().getStreamInfo(config.name()).getConfiguration()
                .getStorageType()).isEqualTo(StorageType.Memory);
        assertThat(created.config()).isEqualTo(config);
        assertThat(Rita.of(nats.connection()).eventStore(config.name()).info().config().storage())
                .isEqualTo(StoreConfig.Storage.MEMORY);
    }

    @Test
    void info_counts_the_streams_messages_and_bytes_and_gives_its_first_and_last_sequence() throws Exception {
        store.append(subject("a"), List.of(Event.of("x", new byte[]{1})));
        store.append(subject("b"), List.of(Event.of("x", new byte[]{2})));
        store.append(subject("a"), List.of(Event.of("x", new byte[]{3})));

        StoreInfo info = store.info();

        assertThat(info.messages()).isEqualTo(3);
        assertThat(info.bytes()).isPositive().isEqualTo(nats.connection().jetStreamManagement()
                .getStreamInfo(store.name()).getStreamState().getByteCount());
        assertThat(info.firstSequence()).isEqualTo(1);
        assertThat(info.lastSequence()).isEqualTo(3);
    }

    @Test
    void the_configuration_sets_the_stream_and_update_applies_a_changed_one() {
        StoreConfig config = StoreConfig.of(store.name() + "x").withSubjects("custom.>")
                .withDuplicateWindow(Duration.ofSeconds(30)).withMaxMessageSize(10_000);
        JetStreamEventStore custom = Rita.of(nats.connection()).eventStore(config);
        assertThat(custom.create().config()).isEqualTo(config);

        StoreInfo updated = Rita.of(nats.connection()).eventStore(config.withSubjects("custom.>", "other.>")).update();
        assertThat(updated.config().subjects()).containsExactly("custom.>", "other.>");

        custom.append("other.1", List.of(Event.of("x", new byte[0])));
        assertThat(custom.info().messages()).isEqualTo(1);
        custom.delete();
        assertThatThrownBy(custom::info).isInstanceOf(EventStoreException.class);
        assertThatThrownBy(custom::update).isInstanceOf(EventStoreException.class).hasMessageContaining("create()");
    }

    @Test
    void ensure_creates_a_missing_store_and_adopts_an_existing_one_turning_on_direct_gets() throws Exception {
        String name = store.name() + "adopted";
        JetStreamManagement management = nats.connection().jetStreamManagement();
        management.addStream(StreamConfiguration.builder().name(name).subjects(name + ".>", "extra.>")
                .storageType(StorageType.File).allowDirect(false).build());
        JetStreamEventStore adopted = Rita.of(nats.connection()).eventStore(name);

        StoreInfo info = adopted.ensure();

        assertThat(info.config().subjects()).containsExactly(name + ".>", "extra.>");
        assertThat(management.getStreamInfo(name).getConfiguration().getAllowDirect()).isTrue();
        adopted.append(name + ".1", List.of(Event.of("x", new byte[0])), Expected.sequence(0));
        assertThat(adopted.load(name + ".1").events()).hasSize(1);

        JetStreamEventStore fresh = Rita.of(nats.connection()).eventStore(store.name() + "fresh");
        assertThat(fresh.ensure().config()).isEqualTo(StoreConfig.of(store.name() + "fresh"));
        assertThat(fresh.ensure().config()).isEqualTo(StoreConfig.of(store.name() + "fresh"));
    }

    @Test
    void ensure_refuses_a_stream_that_does_not_bind_the_stores_subjects() {
        JetStreamEventStore other = Rita.of(nats.connection()).eventStore(StoreConfig.of(store.name())
                .withSubjects("kmm.events.>"));

        assertThatThrownBy(other::ensure).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("exists but binds").hasMessageContaining("kmm.events.>")
                .hasMessageContaining(store.name() + ".>");
    }

    @Test
    void refuses_a_store_name_that_is_not_a_stream_name() {
        assertThatThrownBy(() -> Rita.of(nats.connection()).eventStore("a.b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.b");
        assertThatThrownBy(() -> Rita.of(nats.connection()).eventStore("a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_payload_over_the_servers_max_is_refused_and_nothing_is_stored() {
        long max = nats.connection().getMaxPayload();

        assertThatThrownBy(() -> store.append(subject("big"), List.of(Event.of("big", new byte[(int) max]))))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> {
                    assertThat(e.max()).isEqualTo(max);
                    assertThat(e.size()).isGreaterThan(max);
                    assertThat(e.subject()).isEqualTo(subject("big"));
                });
        assertThat(store.info().messages()).isZero();
    }

    @Test
    void a_stream_max_message_size_below_the_server_limit_is_reported_as_payload_too_large() {
        JetStreamEventStore small = Rita.of(nats.connection()).eventStore(StoreConfig.of(store.name() + "small")
                .withMaxMessageSize(1_000));
        small.create();

        assertThatThrownBy(() -> small.append(small.name() + ".1", List.of(Event.of("big", new byte[2_000]))))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> assertThat(e.max()).isEqualTo(1_000));
        assertThat(small.info().messages()).isZero();
    }

    @Test
    void a_retry_after_the_duplicate_window_with_its_expectation_returns_the_original_sequence() throws Exception {
        JetStreamEventStore shortMemory = Rita.of(nats.connection()).eventStore(StoreConfig.of(store.name() + "short")
                .withDuplicateWindow(Duration.ofMillis(100)));
        shortMemory.create();
        String subject = shortMemory.name() + ".1";
        Event event = Event.of("placed", new byte[0]).withId("retried-1");
        long first = shortMemory.append(subject, List.of(event), Expected.sequence(0)).sequence();
        // past the duplicate window: JetStream answers 10071, not "duplicate"
        DuplicateWindows.awaitPassed(nats.connection(), shortMemory.name() + ".probe");

        long retried = shortMemory.append(subject, List.of(event), Expected.sequence(0)).sequence();

        assertThat(retried).isEqualTo(first);
        assertThat(shortMemory.load(subject).events()).hasSize(1);
    }

    @Test
    void a_late_retry_after_another_writer_appended_is_a_conflict() throws Exception {
        JetStreamEventStore shortMemory = Rita.of(nats.connection()).eventStore(StoreConfig.of(store.name() + "late")
                .withDuplicateWindow(Duration.ofMillis(100)));
        shortMemory.create();
        String subject = shortMemory.name() + ".1";
        Event event = Event.of("placed", new byte[0]).withId("late-1");
        shortMemory.append(subject, List.of(event), Expected.sequence(0));
        long other = shortMemory.append(subject, List.of(Event.of("other", new byte[0]))).sequence();
        DuplicateWindows.awaitPassed(nats.connection(), shortMemory.name() + ".probe");

        assertThatThrownBy(() -> shortMemory.append(subject, List.of(event), Expected.sequence(0)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> {
                    assertThat(e.expected()).isZero();
                    assertThat(e.actual()).isEqualTo(other);
                });
    }

    @Test
    void an_event_id_already_stored_on_another_subject_is_refused_and_nothing_is_appended() {
        store.append(subject("a"), List.of(Event.of("x", new byte[0]).withId("shared-id")));

        assertThatThrownBy(() -> store.append(subject("b"), List.of(Event.of("x", new byte[0]).withId("shared-id")),
                Expected.sequence(0)))
                .isInstanceOfSatisfying(DuplicateEventIdException.class, e -> {
                    assertThat(e.eventId()).isEqualTo("shared-id");
                    assertThat(e.storedOn()).isEqualTo(subject("a"));
                    assertThat(e.subject()).isEqualTo(subject("b"));
                });
        assertThat(store.load(subject("b")).events()).isEmpty();
    }

    @Test
    void an_async_append_with_a_stale_expectation_fails_with_a_conflict_without_waiting() {
        long first = store.append(subject("async"), List.of(Event.of("x", new byte[0]))).sequence();
        store.append(subject("async"), List.of(Event.of("y", new byte[0])));

        assertThat(store.appendAsync(subject("async"), List.of(Event.of("z", new byte[0])), Expected.sequence(first)))
                .failsWithin(Duration.ofSeconds(2))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ConcurrencyConflictException.class);
    }

    @Test
    void a_message_that_is_not_a_rita_event_fails_the_load_naming_subject_and_sequence() throws Exception {
        nats.connection().jetStream().publish(subject("junk"), "plain".getBytes(StandardCharsets.UTF_8));

        // an unreadable event, as one of an unknown type is: no type to name
        assertThatThrownBy(() -> store.load(subject("junk")))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.type()).isNull();
                    assertThat(e.unknownType()).isFalse();
                    assertThat(e.subject()).isEqualTo(subject("junk"));
                })
                .hasMessageContaining(subject("junk"))
                .hasMessageContaining("not a readable Rita event");
    }

    @Test
    void long_histories_are_read_in_order_up_to_the_last_sequence() {
        for (int i = 0; i < 50; i++) {
            store.append(subject("long"), List.of(Event.of("n", new byte[]{(byte) i})));
            store.append(subject("other"), List.of(Event.of("n", new byte[]{(byte) i})));
        }

        LoadResult all = store.load(subject("long"));
        LoadResult tail = store.load(subject("long"), all.events().get(39).sequence());

        assertThat(all.events()).extracting(e -> ((byte[]) e.data())[0])
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> (byte) i).toList());
        assertThat(tail.events()).hasSize(10);
        assertThat(tail.sequence()).isEqualTo(all.sequence());
        assertThat(store.load(store.name() + ".*").events()).hasSize(100);
    }

    @Test
    void a_server_that_goes_away_gives_a_clear_error_and_a_retry_with_the_same_ids_stores_the_event_once() {
        store.append(subject("r"), List.of(Event.of("before", new byte[0])));
        // The outcome of an append that timed out is unknown (the client may have buffered it and
        // sent it on reconnect), so the remedy is to retry it with the same event id.
        Event during = Event.of("during", new byte[0]).withId("during-1");
        nats.stopServer();
        try {
            // unavailable for now, which a caller may retry, unlike a refusal
            assertThatThrownBy(() -> store.append(subject("r"), List.of(during)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(subject("r"));
            assertThatThrownBy(() -> store.load(subject("r"))).isInstanceOf(StoreUnavailableException.class);
        } finally {
            nats.restartServer();
        }
        waitUntilConnected(nats.connection());

        store.append(subject("r"), List.of(during));
        store.append(subject("r"), List.of(Event.of("after", new byte[0])));
        assertThat(store.load(subject("r")).events()).extracting(StoredEvent::type).containsExactly("before", "during", "after");
    }

    private static void waitUntilConnected(Connection connection) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (connection.getStatus() != Connection.Status.CONNECTED && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
}

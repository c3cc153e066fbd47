package io.rita.eventstore;

import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.rita.internal.WireHeaders;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's {@code max_payload} bounds an append's message, headers and data together, to the
 * byte: a message of exactly that size is the largest the server takes, so the store must send it.
 */
@Timeout(60)
class PayloadLimitTest {

    private static final int MAX_PAYLOAD = 4_096;
    /** Fixed, so that every event's rita-time header has the same length. */
    private static final OffsetDateTime TIME = OffsetDateTime.of(2026, 12, 6, 10, 0, 0, 0, ZoneOffset.UTC);

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension(options -> options.withMaxPayload(MAX_PAYLOAD));

    private JetStreamEventStore store;
    private JetStreamManagement management;

    @BeforeEach
    void newStore(TestInfo test) throws Exception {
        store = Rita.of(nats.connection()).eventStore("p" + Integer.toHexString(test.getDisplayName().hashCode()
                & 0x7fffffff));
        store.create();
        management = nats.connection().jetStreamManagement();
    }

    /** An event whose headers have the same length for every id of the same length. */
    private static Event page(String id, int dataLength) {
        return Event.of("page", new byte[dataLength]).withId(id).withTime(TIME);
    }

    /** What a message of this shape carries besides its data: its headers, as the server stored them. */
    private int headerLength() throws Exception {
        String subject = store.name() + ".probe";
        long sequence = store.append(subject, List.of(page("probe-000", 0)), Expected.sequence(0)).sequence();
        MessageInfo stored = management.getMessage(store.name(), sequence);
        assertThat(stored.getData()).isNullOrEmpty();
        return stored.getHeaders().serializedLength();
    }

    @Test
    void the_server_reports_the_configured_limit() {
        assertThat(nats.connection().getMaxPayload()).isEqualTo(MAX_PAYLOAD);
    }

    @Test
    void an_append_of_exactly_max_payload_bytes_is_stored() throws Exception {
        int data = MAX_PAYLOAD - headerLength();
        String subject = store.name() + ".exact";

        long sequence = store.append(subject, List.of(page("exact-000", data)), Expected.sequence(0)).sequence();

        MessageInfo stored = management.getMessage(store.name(), sequence);
        assertThat(stored.getHeaders().serializedLength() + stored.getData().length).isEqualTo(MAX_PAYLOAD);
        assertThat(store.load(subject).events()).singleElement()
                .satisfies(event -> assertThat((byte[]) event.data()).hasSize(data));
    }

    @Test
    void an_append_one_byte_over_max_payload_is_refused_and_nothing_is_stored() throws Exception {
        int data = MAX_PAYLOAD - headerLength() + 1;
        String subject = store.name() + ".over";
        long before = store.info().messages();

        assertThatThrownBy(() -> store.append(subject, List.of(page("over-0000", data)), Expected.sequence(0)))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> {
                    assertThat(e.size()).isEqualTo(MAX_PAYLOAD + 1);
                    assertThat(e.max()).isEqualTo(MAX_PAYLOAD);
                    assertThat(e.subject()).isEqualTo(subject);
                })
                .hasMessageContaining(subject).hasMessageContaining((MAX_PAYLOAD + 1) + " bytes")
                .hasMessageContaining("nothing was stored");
        assertThat(store.info().messages()).isEqualTo(before);
        assertThat(store.load(subject).events()).isEmpty();
    }

    @Test
    void the_limit_counts_the_expectation_header_too() throws Exception {
        // the same event without an expectation carries one header less: it fits with that many bytes more
        int expectationHeader = new Headers().put(WireHeaders.EXPECTED_LAST_SUBJECT_SEQUENCE, "0").serializedLength()
                - new Headers().serializedLength();
        int data = MAX_PAYLOAD - headerLength() + expectationHeader;
        String subject = store.name() + ".unexpected";

        long sequence = store.append(subject, List.of(page("free-0000", data)), Expected.any()).sequence();

        MessageInfo stored = management.getMessage(store.name(), sequence);
        assertThat(stored.getHeaders().serializedLength() + stored.getData().length).isEqualTo(MAX_PAYLOAD);
        assertThatThrownBy(() -> store.append(store.name() + ".expected", List.of(page("expd-0000", data)),
                Expected.sequence(0))).isInstanceOf(PayloadTooLargeException.class);
    }
}

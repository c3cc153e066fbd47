package io.rita.kmm.service;

import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.test.nats.NatsServerExtension;
import io.rita.types.Codec;
import io.rita.types.EventType;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of "Schema evolution" in docs/programming-model.md, run: KMM renames the
 * {@code Description} of {@code funds-deposited} to {@code Memo}. Events stored before (by Go
 * Rita and by today's KMM) stay as they are and load as the new record; new ones are version 2.
 */
class SchemaEvolutionExampleTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    /** funds-deposited, version 2: "Description" became "Memo". */
    @EventType("funds-deposited")
    record FundsDepositedV2(BigDecimal amount, String memo, Instant time) {
    }

    private static final String SUSIE = "kmm.events.accounts.susie";

    /** The registry of the docs' example. */
    private static TypeRegistry evolved() {
        return TypeRegistry.builder()
                .json(Codec.json(KmmWire.mapper()))
                .add("funds-deposited", FundsDepositedV2.class)
                .upcast("funds-deposited", 1, json -> json.set("Memo", json.remove("Description")))
                .build();
    }

    private JetStreamEventStore store(TypeRegistry types) {
        return Rita.of(nats.connection(), RitaOptions.defaults().withTypes(types)).eventStore(StoreConfig.of(KmmSubjects.STORE)
                .withSubjects(KmmSubjects.STORE_SUBJECTS));
    }

    @AfterEach
    void deleteStore() throws Exception {
        nats.connection().jetStreamManagement().deleteStream(KmmSubjects.STORE);
    }

    @Test
    void loads_events_of_go_rita_and_of_todays_kmm_as_the_renamed_record_and_writes_version_2() throws Exception {
        JetStreamEventStore today = store(KmmWire.types());
        today.ensure();
        // what the Go original writes: its JSON, Rita v1's headers, no rita-version
        Headers go = new Headers().put("Nats-Msg-Id", "go-1").put("Nats-Expected-Stream", KmmSubjects.STORE)
                .put("rita-type", "funds-deposited").put("rita-time", "2022-05-30T13:41:53.123456789Z")
                .put("rita-codec", "json");
        nats.connection().jetStream().publish(NatsMessage.builder().subject(SUSIE).headers(go).data(
                "{\"Amount\":\"20\",\"Description\":\"grass mowing\",\"Time\":\"2022-05-30T13:41:53.123Z\"}"
                        .getBytes(StandardCharsets.UTF_8)).build());
        today.append(SUSIE, List.of(Event.of(new FundsDeposited(new BigDecimal("5"), "chores",
                Instant.parse("2026-12-06T10:00:00Z")))));
        JetStreamEventStore tomorrow = store(evolved());

        long sequence = tomorrow.append(SUSIE, List.of(Event.of(new FundsDepositedV2(new BigDecimal("7.5"),
                "birthday", Instant.parse("2026-12-07T10:00:00Z"))))).sequence();

        assertThat(tomorrow.load(SUSIE).events()).extracting(StoredEvent::data).containsExactly(
                new FundsDepositedV2(new BigDecimal("20"), "grass mowing", Instant.parse("2022-05-30T13:41:53.123Z")),
                new FundsDepositedV2(new BigDecimal("5"), "chores", Instant.parse("2026-12-06T10:00:00Z")),
                new FundsDepositedV2(new BigDecimal("7.5"), "birthday", Instant.parse("2026-12-07T10:00:00Z")));
        MessageInfo stored = nats.connection().jetStreamManagement().getMessage(KmmSubjects.STORE, sequence);
        assertThat(stored.getHeaders().getFirst("rita-version")).isEqualTo("2");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).contains("\"Memo\":\"birthday\"");
        MessageInfo first = nats.connection().jetStreamManagement().getMessage(KmmSubjects.STORE, 1);
        assertThat(new String(first.getData(), StandardCharsets.UTF_8)).as("never rewritten")
                .contains("\"Description\":\"grass mowing\"");
    }
}

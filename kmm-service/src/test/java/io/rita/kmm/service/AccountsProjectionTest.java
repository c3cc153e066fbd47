package io.rita.kmm.service;

import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.kmm.domain.AccountEvent;
import io.rita.kmm.domain.AccountOverview;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.projection.ProjectionStatus;
import io.rita.projection.Projector;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KMM's accounts projection on its own, as docs/testing.md shows how to test a projection:
 * events appended, the projector started, its views read once it is level with the stream.
 */
@Timeout(60)
class AccountsProjectionTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void views_each_account_once_the_projector_is_level_with_the_stream() throws Exception {
        var accounts = KmmAccounts.PROJECTION;
        var types = KmmWire.types();
        var deposited = new FundsDeposited(new BigDecimal("30"), "allowance", Instant.parse("2022-05-30T13:41:53Z"));

        JetStreamEventStore store = Rita.of(nats.connection(), RitaOptions.defaults().withTypes(types))
                .eventStore(StoreConfig.of("kmm").withSubjects("kmm.events.>"));
        store.create();
        store.append("kmm.events.accounts.ann", List.of(Event.of(deposited)));

        try (Projector<AccountEvent, AccountOverview> projector = Projector.start(store, accounts)) {
            assertThat(projector.awaitLive(Duration.ofSeconds(30)).state()).isEqualTo(ProjectionStatus.State.LIVE);
            assertThat(projector.views().get("ann")).hasValueSatisfying(view ->
                    assertThat(view.balance()).isEqualByComparingTo("30"));
        }
    }
}

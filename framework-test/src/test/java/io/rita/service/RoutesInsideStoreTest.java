package io.rita.service;

import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request subjects inside a JetStream store's subjects are refused when the dispatcher or the
 * runner is built: the stream would store each request as a message on an aggregate's subject
 * and answer it with its publish acknowledgement, which a client takes for the service's success
 * (a new user's service did exactly that: refused commands answered "accepted").
 */
class RoutesInsideStoreTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    /** The store "counters": by default its stream takes counters.>, where the counters' routes are too. */
    private static JetStreamEventStore store(StoreConfig config) {
        return Rita.of(nats.connection(), RitaOptions.defaults().withTypes(Counters.TYPES)).eventStore(config);
    }

    @Test
    void refuses_a_route_whose_requests_the_stores_stream_would_take_in() {
        assertThatThrownBy(() -> Dispatcher.of(store(StoreConfig.of("counters")), List.of(Counters.ADD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the subjects of store 'counters' (counters.>) take in route 'add' (counters.*.add): a"
                        + " request to counters.x.add would be stored in its stream, and JetStream's acknowledgement"
                        + " would answer it; keep requests and events apart: serve requests on subjects outside the"
                        + " store's (a new store can leave them free, e.g. StoreConfig.of(\"counters\")"
                        + ".withSubjects(\"counters.events.>\") beside counters.services.>; narrowing an existing"
                        + " store's subjects would strand its events)");
    }

    @Test
    void refuses_a_stream_route_whose_deliveries_the_stores_stream_would_take_in() {
        JetStreamEventStore narrow = store(StoreConfig.of("counters").withSubjects("counters.x", "deliveries.>"));
        StreamRoute watch = StreamRoute.of("counters.*.watch", req -> "counters." + req.token(1), "deliveries.counters");

        assertThatThrownBy(() -> Dispatcher.of(narrow, List.of(watch)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the subjects of store 'counters' (deliveries.>) take in the deliveries of stream route"
                        + " 'watch' (deliveries.counters.*): each delivery, such as deliveries.counters.x, would be"
                        + " stored in its stream; pick a delivery prefix outside the store's subjects");
    }

    @Test
    void refuses_a_fallback_inside_the_stores_subjects_when_the_runner_starts() {
        Dispatcher dispatcher = Dispatcher.of(store(StoreConfig.of("counters").withSubjects("counters.*")),
                List.of(Counters.ADD));

        assertThatThrownBy(() -> ServiceRunner.start(nats.connection(), dispatcher,
                ServiceOptions.of("counters", "1.0.0", "counters").withFallback("counters.>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the subjects of store 'counters' (counters.*) take in the fallback"
                        + " (counters.>): a request to counters.x would be stored");
    }

    @Test
    void accepts_routes_outside_the_stores_subjects() {
        JetStreamEventStore events = store(StoreConfig.of("counters").withSubjects("counters.*"));

        Dispatcher dispatcher = Dispatcher.of(events, List.of(Counters.ADD, Counters.VALUE,
                StreamRoute.of("counters.*.watch", req -> "counters." + req.token(1), "streams.counters")));

        assertThat(dispatcher.routes()).hasSize(3);
    }
}

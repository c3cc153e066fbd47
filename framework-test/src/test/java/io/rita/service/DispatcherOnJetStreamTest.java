package io.rita.service;

import io.nats.client.Message;
import io.rita.eventstore.AppendResult;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Counters.Added;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher's cache and the runners' load sharing, against the JetStream store. */
class DispatcherOnJetStreamTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static String storeName(TestInfo test) {
        return "d" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
    }

    @Test
    void reads_only_the_new_events_of_a_cached_aggregate(TestInfo test) {
        String name = storeName(test);
        JetStreamEventStore store = ServiceRunnerTest.counterStore(nats.connection(), name);
        for (int i = 0; i < 50; i++) {
            store.append(name + ".a", List.of(Event.of(new Added(1))));
        }
        Counting counting = new Counting(store);
        Dispatcher dispatcher = Dispatcher.of(counting, ServiceRunnerTest.routes(name));
        Request add = Request.of("svc." + name + ".a.add", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        dispatcher.dispatch(add);
        store.append(name + ".a", List.of(Event.of(new Added(1))));
        int loadedBefore = counting.loadedEvents.get();

        Reply reply = dispatcher.dispatch(add);

        assertThat(reply.isSuccess()).isTrue();
        assertThat(counting.fullLoads).hasValue(1);
        assertThat(counting.loadedEvents.get() - loadedBefore).isEqualTo(1);
        assertThat(store.load(name + ".a").events()).hasSize(53);
    }

    @Test
    void retries_a_conflict_with_another_writer_on_the_real_store(TestInfo test) {
        String name = storeName(test);
        JetStreamEventStore store = ServiceRunnerTest.counterStore(nats.connection(), name);
        Counting counting = new Counting(store) {
            private boolean interfered;

            @Override
            public AppendResult append(String subject, List<Event> events, Expected expected) {
                if (!interfered) {
                    interfered = true;
                    store.append(subject, List.of(Event.of(new Added(99))));
                }
                return super.append(subject, events, expected);
            }
        };
        Dispatcher dispatcher = Dispatcher.of(counting, ServiceRunnerTest.routes(name));

        Reply reply = dispatcher.dispatch(Request.of("svc." + name + ".a.add", "{\"n\":2}".getBytes(StandardCharsets.UTF_8)));

        assertThat(reply).isEqualTo(Reply.Failure.rejected("counter: limit is 100"));
        assertThat(counting.conflicts).hasValue(1);
        assertThat(store.load(name + ".a").events()).extracting(StoredEvent::data).containsExactly(new Added(99));
    }

    @Test
    void shares_requests_between_runners_in_one_queue_group(TestInfo test) throws Exception {
        String name = storeName(test);
        JetStreamEventStore store = ServiceRunnerTest.counterStore(nats.connection(), name);
        ServiceOptions options = ServiceOptions.of("shared", "1.0.0", "two runners");
        try (ServiceRunner one = ServiceRunner.start(nats.connect(), Dispatcher.of(store, ServiceRunnerTest.routes(name)), options);
             ServiceRunner two = ServiceRunner.start(nats.connect(), Dispatcher.of(store, ServiceRunnerTest.routes(name)), options)) {
            for (int i = 0; i < 40; i++) {
                nats.connection().request("svc." + name + ".c" + i + ".add", "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(5));
            }

            assertThat(store.load(name + ".*").events()).hasSize(40);
            assertThat(requestsServedBy(one)).isPositive();
            assertThat(requestsServedBy(two)).isPositive();
        }
    }

    private static long requestsServedBy(ServiceRunner runner) throws Exception {
        Message stats = nats.connection().request("$SRV.STATS.shared." + runner.id(), new byte[0], Duration.ofSeconds(5));
        String json = new String(stats.getData(), StandardCharsets.UTF_8);
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"num_requests\":(\\d+)").matcher(json);
        long total = 0;
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }
}

package io.rita.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.rita.kmm.service.KmmSubjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pairs of the command benchmarks do the same work on the wire: one command of each side is
 * stored and read back, and the messages are compared header by header. Also: the hand-written
 * baseline serialises one process's requests on one aggregate, as it claims. Not a timing test.
 */
@Timeout(120)
class WireHeadersTest {

    private static final Set<String> PER_MESSAGE = Set.of("Nats-Msg-Id", "rita-time", "rita-meta-causation-id",
            "rita-meta-correlation-id", "Nats-Expected-Last-Subject-Sequence");

    @Test
    void the_counter_baselines_store_what_rita_stores() throws Exception {
        try (CommandServices services = CommandServices.start();
             CommandClient client = new CommandClient(services.testbed().connect())) {
            client.add(CommandServices.ritaSubject("a1"));
            client.add(CommandServices.handWrittenSubject("a1"));
            client.add(CommandServices.rawSubject("a1"));
            client.add(CommandServices.ritaSubject("a1"));
            client.add(CommandServices.handWrittenSubject("a1"));

            MessageInfo rita = last(services.testbed().connection(), Testbed.STORE, "bench.events.a1");
            MessageInfo handWritten = last(services.testbed().connection(), Testbed.STORE, "bench.handevents.a1");
            MessageInfo floor = last(services.testbed().connection(), Testbed.STORE, "bench.rawevents.a1");

            assertThat(names(handWritten.getHeaders())).isEqualTo(names(rita.getHeaders()));
            assertThat(common(handWritten.getHeaders())).isEqualTo(common(rita.getHeaders()));
            assertThat(handWritten.getData()).isEqualTo(rita.getData());
            // the second command of each expects the first one's sequence
            assertThat(expected(rita)).isEqualTo(firstSequence(services, "bench.events.a1"));
            assertThat(expected(handWritten)).isEqualTo(firstSequence(services, "bench.handevents.a1"));
            // the floor: the same but for the expectation, which is what it leaves out
            Set<String> withoutExpectation = names(rita.getHeaders());
            withoutExpectation.remove("Nats-Expected-Last-Subject-Sequence");
            assertThat(names(floor.getHeaders())).isEqualTo(withoutExpectation);
            assertThat(floor.getData()).isEqualTo(rita.getData());
        }
    }

    @Test
    void the_kmm_baseline_stores_what_kmm_stores() throws Exception {
        try (KmmDeposits kmm = KmmDeposits.start(); Connection connection = Testbed.connect(kmm.url())) {
            CommandClient client = new CommandClient(connection);
            for (int i = 0; i < 2; i++) {
                client.send(KmmDeposits.kmmSubject("susie"), KmmDeposits.DEPOSIT);
                client.send(KmmDeposits.handWrittenSubject("susie"), KmmDeposits.DEPOSIT);
            }

            MessageInfo stored = last(connection, KmmSubjects.STORE, KmmSubjects.account("susie"));
            MessageInfo handWritten = last(connection, KmmSubjects.STORE, KmmDeposits.HAND_WRITTEN_EVENTS + ".susie");

            assertThat(names(handWritten.getHeaders())).isEqualTo(names(stored.getHeaders()));
            assertThat(common(handWritten.getHeaders())).isEqualTo(common(stored.getHeaders()));
            assertThat(withoutTime(handWritten.getData())).isEqualTo(withoutTime(stored.getData()));
            assertThat(expected(stored)).isPositive();
            assertThat(expected(handWritten)).isPositive();
        }
    }

    @Test
    void the_hand_written_baseline_never_races_itself_on_one_aggregate() throws Exception {
        int clients = 16;
        int each = 20;
        try (CommandServices services = CommandServices.start()) {
            List<CommandClient> connected = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    CommandClient client = new CommandClient(services.testbed().connect());
                    connected.add(client);
                    sent.add(threads.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            client.add(CommandServices.handWrittenSubject("hot"));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : sent) {
                    future.get();
                }
            } finally {
                threads.shutdownNow();
                connected.forEach(CommandClient::close);
            }
            assertThat(services.handWritten().conflicts()).isZero();
            JetStreamManagement management = services.testbed().connection().jetStreamManagement();
            assertThat(management.getStreamInfo(Testbed.STORE).getStreamState().getMsgCount())
                    .isEqualTo((long) clients * each);
        }
    }

    private static MessageInfo last(Connection connection, String stream, String subject) throws Exception {
        return connection.jetStreamManagement().getLastMessage(stream, subject);
    }

    private static long firstSequence(CommandServices services, String subject) throws Exception {
        return services.testbed().connection().jetStreamManagement().getNextMessage(Testbed.STORE, 1, subject)
                .getSeq();
    }

    private static long expected(MessageInfo message) {
        return Long.parseLong(message.getHeaders().getFirst("Nats-Expected-Last-Subject-Sequence"));
    }

    private static Set<String> names(Headers headers) {
        return new TreeSet<>(headers.keySet());
    }

    /** The headers whose values do not differ from one message to the next. */
    private static Map<String, String> common(Headers headers) {
        Map<String, String> values = new TreeMap<>();
        for (String name : headers.keySet()) {
            if (!PER_MESSAGE.contains(name)) {
                values.put(name, headers.getFirst(name));
            }
        }
        return values;
    }

    private static String withoutTime(byte[] json) {
        return new String(json, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\"Time\":\"[^\"]*\"", "\"Time\":\"\"");
    }
}

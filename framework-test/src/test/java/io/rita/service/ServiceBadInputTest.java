package io.rita.service;

import io.nats.client.Message;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random and mutated bodies over NATS: each gets a clear error, nothing is appended, the service keeps serving. */
class ServiceBadInputTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void answers_hundreds_of_bad_bodies_with_errors_and_appends_nothing() throws Exception {
        JetStreamEventStore store = ServiceRunnerTest.counterStore(nats.connection(), "fuzz");
        List<Route> routes = List.of(CommandRoute.of("svc.fuzz.*.add", Counters.Add.class,
                (req, command) -> "fuzz." + req.token(2), Counters.decider(Integer.MAX_VALUE)));
        Random random = new Random(42);
        byte[] valid = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        ServiceRunner runner = ServiceRunner.start(nats.connection(),
                Dispatcher.of(store, routes, DispatchOptions.defaults().withMaxBodyBytes(4096)),
                ServiceOptions.of("fuzz", "1.0.0", "bad input"));
        try {
            for (int i = 0; i < 300; i++) {
                byte[] body = switch (i % 3) {
                    case 0 -> randomBytes(random, 64);
                    case 1 -> mutate(valid, random);
                    default -> randomBytes(random, 8192);
                };
                Message reply = nats.connection().request("svc.fuzz.f.add", body, Duration.ofSeconds(5));
                String code = reply.getHeaders() == null ? null
                        : reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE);
                if (code == null) {
                    accepted++;
                } else {
                    assertThat(code).isIn("400", "413");
                    assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isNotBlank()
                            .doesNotContain("Exception").doesNotContain("\tat ");
                }
            }
            Message good = nats.connection().request("svc.fuzz.g.add", valid, Duration.ofSeconds(5));
            assertThat(good.getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isNotNull();
        } finally {
            runner.close();
        }

        assertThat(store.load("fuzz.f").events()).hasSize(accepted);
        assertThat(accepted).isLessThan(30);
    }

    private static byte[] randomBytes(Random random, int max) {
        byte[] body = new byte[random.nextInt(max)];
        random.nextBytes(body);
        return body;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] body = valid.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        }
        return body;
    }
}

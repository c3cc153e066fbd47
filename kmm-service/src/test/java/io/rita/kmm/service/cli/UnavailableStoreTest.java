package io.rita.kmm.service.cli;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose store stays unavailable (503, as while a NATS cluster has no stream leader):
 * the CLI asks again for three timeouts, commands with the same command id, then exits 3 (like
 * an unreachable service, and unlike a refusal) with one line that says what may have happened.
 */
@Timeout(60)
class UnavailableStoreTest {

    private static final String UNAVAILABLE = "the event store is unavailable for now (no stream leader): the command"
            + " may or may not be stored; send it again with the same Rita-Command-Id and it counts once";

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> commandIds = ConcurrentHashMap.newKeySet();
    private Dispatcher unavailable;

    private record Run(int exitCode, List<String> out, List<String> err) {
    }

    @BeforeEach
    void aServiceWithoutItsStore() throws Exception {
        Connection connection = nats.connection();
        unavailable = connection.createDispatcher(request -> {
            requests.incrementAndGet();
            if (request.getHeaders() != null && request.getHeaders().getFirst("Rita-Command-Id") != null) {
                commandIds.add(request.getHeaders().getFirst("Rita-Command-Id"));
            }
            Headers headers = new Headers().put("Nats-Service-Error-Code", "503").put("Nats-Service-Error", UNAVAILABLE);
            connection.publish(request.getReplyTo(), headers, new byte[0]);
        });
        unavailable.subscribe("kmm.services.>");
        connection.flush(java.time.Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        nats.connection().closeDispatcher(unavailable);
    }

    private static Run kmm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString().lines().toList(), err.toString().lines().toList());
    }

    @Test
    void a_deposit_is_sent_again_with_its_id_then_reported_as_maybe_stored_with_exit_3() {
        Run run = kmm("deposit", "susie", "5", "--nats.url", nats.url(), "--timeout", "1");

        assertThat(run.exitCode()).as("exit code").isEqualTo(Kmm.UNREACHABLE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsExactly("kmm: the KMM service could not store the command for 3.0 s ("
                + UNAVAILABLE + "); it may have been applied all the same: check with `kmm balance` or "
                + "`kmm ledger` before you repeat it");
        assertThat(requests.get()).as("sends").isGreaterThan(1);
        assertThat(commandIds).as("one command id for every send").hasSize(1);
    }

    @Test
    void a_balance_is_asked_again_then_reported_with_exit_3() {
        Run run = kmm("balance", "susie", "--nats.url", nats.url(), "--timeout", "1");

        assertThat(run.exitCode()).as("exit code").isEqualTo(Kmm.UNREACHABLE);
        assertThat(run.err()).hasSize(1).first().asString().contains(UNAVAILABLE);
        assertThat(requests.get()).as("asked again").isGreaterThan(1);
    }
}

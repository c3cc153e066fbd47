package io.rita.kmm.service.client;

import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.rita.kmm.service.cli.Kmm;
import io.rita.service.ServiceHeaders;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against stand-ins for the service on a real nats-server: command ids, the one
 * resend after a timeout, and what it says when nobody serves.
 */
class KmmClientTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration SHORT = Duration.ofMillis(300);

    private final List<String> commandIds = new CopyOnWriteArrayList<>();
    private Dispatcher standIn;

    @AfterEach
    void stopStandIn() {
        if (standIn != null) {
            nats.connection().closeDispatcher(standIn);
        }
    }

    /** Answers requests on {@code subject} like the service does on success, except the first {@code ignored}. */
    private void serve(String subject, int ignored) throws Exception {
        standIn = nats.connection().createDispatcher(request -> {
            commandIds.add(idOf(request));
            if (commandIds.size() > ignored) {
                nats.connection().publish(request.getReplyTo(), new byte[0]);
            }
        });
        standIn.subscribe(subject);
        nats.connection().flush(Duration.ofSeconds(5));
    }

    private static String idOf(Message request) {
        return request.getHeaders() == null ? null : request.getHeaders().getFirst(ServiceHeaders.COMMAND_ID);
    }

    private static KmmClient client(Duration timeout) {
        return KmmClient.connect(NatsUrl.parse(nats.url()), timeout);
    }

    @Test
    void gives_every_command_an_id_of_its_own() throws Exception {
        serve("kmm.services.ids.deposit-funds", 0);

        try (KmmClient client = client(Duration.ofSeconds(10))) {
            client.deposit("ids", BigDecimal.ONE, "");
            client.deposit("ids", BigDecimal.ONE, "");
        }

        assertThat(commandIds).hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void sends_a_command_that_timed_out_once_more_with_the_same_id() throws Exception {
        serve("kmm.services.slow.withdraw-funds", 1);

        try (KmmClient client = client(SHORT)) {
            client.withdraw("slow", BigDecimal.TEN, "comics");
        }

        assertThat(commandIds).hasSize(2).doesNotContainNull();
        assertThat(commandIds.get(1)).isEqualTo(commandIds.get(0));
    }

    @Test
    void says_the_command_may_have_been_applied_when_the_resend_times_out_too() throws Exception {
        serve("kmm.services.silent.deposit-funds", Integer.MAX_VALUE);

        try (KmmClient client = client(SHORT)) {
            assertThatThrownBy(() -> client.deposit("silent", BigDecimal.ONE, ""))
                    .isInstanceOf(NatsUnreachableException.class)
                    .hasMessage("the KMM service did not answer kmm.services.silent.deposit-funds within 0.3 s, "
                            + "twice; the command may have been applied all the same: check with `kmm balance` or "
                            + "`kmm ledger` before you repeat it (is the service running and connected to NATS at "
                            + NatsUrl.parse(nats.url()) + "?)");
        }
        assertThat(commandIds).hasSize(2);
    }

    @Test
    void a_query_is_not_sent_twice() throws Exception {
        serve("kmm.services.quiet.balance", Integer.MAX_VALUE);

        try (KmmClient client = client(SHORT)) {
            assertThatThrownBy(() -> client.balance("quiet"))
                    .isInstanceOf(NatsUnreachableException.class)
                    .hasMessageStartingWith("the KMM service did not answer kmm.services.quiet.balance within 0.3 s; ");
        }
        assertThat(commandIds).hasSize(1).containsOnlyNulls();
    }

    @Test
    void the_cli_exits_3_with_a_hint_when_nats_answers_but_no_service_does() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "deposit", "nobody", "5", "--nats.url=" + nats.url());

        assertThat(code).isEqualTo(Kmm.UNREACHABLE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("kmm: no KMM service answers on NATS at " + NatsUrl.parse(nats.url())
                + ": is `kmm serve` running?" + System.lineSeparator());
    }
}

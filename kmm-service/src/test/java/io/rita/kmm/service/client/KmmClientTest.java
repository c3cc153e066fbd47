package io.rita.kmm.service.client;

import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.rita.kmm.service.cli.Kmm;
import io.rita.service.ServiceHeaders;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against stand-ins for the service on a real nats-server: command ids, the one
 * resend after a timeout, resends while the service is unavailable, read-your-writes, and what
 * it says when nobody serves.
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

    /** Answers the first {@code unavailable} requests on {@code subject} with the service's 503, then with success. */
    private void serveAfterUnavailable(String subject, int unavailable) throws Exception {
        standIn = nats.connection().createDispatcher(request -> {
            commandIds.add(idOf(request));
            Headers headers = new Headers();
            if (commandIds.size() <= unavailable) {
                headers.put(ServiceHeaders.SERVICE_ERROR_CODE, "503").put(ServiceHeaders.SERVICE_ERROR, "store down");
            }
            nats.connection().publish(request.getReplyTo(), headers, commandIds.size() <= unavailable
                    ? "the event store is unavailable for now".getBytes(StandardCharsets.UTF_8) : new byte[0]);
        });
        standIn.subscribe(subject);
        nats.connection().flush(Duration.ofSeconds(5));
    }

    @Test
    void sends_a_command_again_with_the_same_id_while_the_service_says_it_is_unavailable_for_now() throws Exception {
        serveAfterUnavailable("kmm.services.electing.deposit-funds", 3);

        try (KmmClient client = client(Duration.ofSeconds(5))) {
            client.deposit("electing", BigDecimal.ONE, "");
        }

        assertThat(commandIds).hasSize(4).doesNotContainNull();
        assertThat(commandIds).containsOnly(commandIds.getFirst());
    }

    @Test
    void gives_up_after_three_timeouts_of_unavailable_answers_and_says_the_command_may_have_been_applied()
            throws Exception {
        serveAfterUnavailable("kmm.services.down.withdraw-funds", Integer.MAX_VALUE);

        try (KmmClient client = client(SHORT)) {
            assertThatThrownBy(() -> client.withdraw("down", BigDecimal.ONE, ""))
                    .isInstanceOfSatisfying(ServiceErrorException.class, e -> assertThat(e.code()).isEqualTo(503))
                    .hasMessage("kmm: the KMM service could not store the command for 0.9 s (the event store is "
                            + "unavailable for now); it may have been applied all the same: check with `kmm balance`"
                            + " or `kmm ledger` before you repeat it");
        }
        assertThat(commandIds).hasSizeGreaterThan(1).containsOnly(commandIds.getFirst());
    }

    @Test
    void a_query_after_a_command_on_the_account_never_answers_from_before_it() throws Exception {
        List<String> minimums = new CopyOnWriteArrayList<>();
        standIn = nats.connection().createDispatcher(request -> {
            if (request.getSubject().endsWith(".deposit-funds")) {
                nats.connection().publish(request.getReplyTo(), new Headers().put(ServiceHeaders.SEQUENCE, "42"),
                        new byte[0]);
            } else {
                minimums.add(String.valueOf(request.getHeaders() == null ? null
                        : request.getHeaders().getFirst(ServiceHeaders.MIN_SEQUENCE)));
                nats.connection().publish(request.getReplyTo(), "{\"Amount\":\"1\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
        standIn.subscribe("kmm.services.*.*");
        nats.connection().flush(Duration.ofSeconds(5));

        try (KmmClient client = client(Duration.ofSeconds(5))) {
            client.balance("ryw");
            client.deposit("ryw", BigDecimal.ONE, "");
            client.balance("ryw");
            client.balance("other");
        }

        assertThat(minimums).containsExactly("null", "42", "null");
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

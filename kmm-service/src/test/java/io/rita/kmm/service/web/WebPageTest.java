package io.rita.kmm.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.kmm.service.KmmServer;
import io.rita.kmm.service.KmmServerOptions;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's HTTP API against a real service on a real nats-server: the page itself, the reads,
 * the commands (the NATS endpoints' commands, through the same dispatcher) and the two event
 * streams. Each test works on accounts of its own.
 */
@Timeout(60)
class WebPageTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KmmServer service;
    private static WebPage page;
    private static PageClient http;
    private static KmmClient kmm;

    @BeforeAll
    static void start() {
        service = KmmServer.start(KmmServerOptions.connectingTo(nats.url()));
        page = service.openPage(new InetSocketAddress("127.0.0.1", 0));
        http = new PageClient(page.url());
        kmm = KmmClient.connect(NatsUrl.parse(nats.url()), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (kmm != null) {
            kmm.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void serves_the_page_with_a_strict_content_security_policy() {
        HttpResponse<String> index = http.get("/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(index.body()).contains("<script type=\"module\" src=\"kmm.js\"></script>").doesNotContain("<script>");
        String policy = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(http.get("/kmm.js").headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(List.of("/kmm.css", "/api.js", "/chart.js", "/favicon.svg"))
                .allSatisfy(file -> assertThat(http.get(file).statusCode()).as(file).isEqualTo(200));
        HttpResponse<String> head = http.send("HEAD", "/", null, Map.of());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void a_deposit_through_the_page_is_a_deposit_of_the_nats_endpoint() throws Exception {
        HttpResponse<String> deposited = http.post("/api/accounts/web-ann/deposit-funds",
                "{\"Amount\":\"20.50\",\"Description\":\"grass mowing\"}");

        assertThat(deposited.statusCode()).isEqualTo(204);
        assertThat(deposited.headers().firstValue("Rita-Sequence")).isPresent();
        assertThat(kmm.balance("web-ann")).isEqualByComparingTo("20.5");
        var stored = Rita.of(nats.connection(), RitaOptions.defaults().withTypes(KmmWire.types()))
                .eventStore(KmmSubjects.STORE).load(KmmSubjects.account("web-ann")).events();
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().data()).isInstanceOfSatisfying(FundsDeposited.class, event -> {
            assertThat(event.amount()).isEqualByComparingTo("20.5");
            assertThat(event.description()).isEqualTo("grass mowing");
        });
    }

    @Test
    void a_refusal_is_a_422_with_the_services_words() throws Exception {
        HttpResponse<String> refused = http.post("/api/accounts/web-bea/withdraw-funds", "{\"Amount\":\"5\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(json(refused).get("error").asText()).isEqualTo("kmm: insufficient funds");
    }

    @Test
    void shows_each_account_with_its_balance_and_how_much_of_its_budget_is_used() throws Exception {
        kmm.deposit("web-cid", new BigDecimal("30"), "");
        kmm.setBudget("web-cid", new BigDecimal("20"), "weekly");
        kmm.withdraw("web-cid", new BigDecimal("7.5"), "baseball cards");
        kmm.deposit("web-dot", new BigDecimal("3"), "");

        JsonNode cid = json(http.get("/api/accounts/web-cid"));
        // the list is the accounts projection: it follows the events within milliseconds
        JsonNode all = json(http.get("/api/accounts")).get("accounts");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!all.findValuesAsText("account").containsAll(List.of("web-cid", "web-dot"))
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
            all = json(http.get("/api/accounts")).get("accounts");
        }

        assertThat(cid.get("account").asText()).isEqualTo("web-cid");
        assertThat(cid.get("balance").asText()).isEqualTo("22.5");
        assertThat(cid.get("budget").get("period").asText()).isEqualTo("weekly");
        assertThat(cid.get("budget").get("max").asText()).isEqualTo("20");
        assertThat(cid.get("budget").get("used").asText()).isEqualTo("7.5");
        assertThat(cid.get("budget").get("withdrawals").asLong()).isEqualTo(1);
        assertThat(all.findValuesAsText("account")).contains("web-cid", "web-dot").isSorted();
        assertThat(all.findValues("budget").get(all.findValuesAsText("account").indexOf("web-dot")).isNull()).isTrue();
    }

    @Test
    void an_account_without_events_has_balance_0_and_no_budget_and_is_not_created_by_looking() throws Exception {
        JsonNode nobody = json(http.get("/api/accounts/web-nobody"));

        assertThat(nobody.get("balance").asText()).isEqualTo("0");
        assertThat(nobody.get("budget").isNull()).isTrue();
        // the store, not the accounts list: that comes from a projection, which may not show an event yet
        assertThat(Rita.of(nats.connection(), RitaOptions.defaults().withTypes(KmmWire.types()))
                .eventStore(KmmSubjects.STORE).load(KmmSubjects.account("web-nobody")).events()).isEmpty();
        assertThat(json(http.get("/api/accounts")).get("accounts").findValuesAsText("account"))
                .doesNotContain("web-nobody");
    }

    @Test
    void the_event_stream_sends_the_ledgers_history_then_ready_then_live_entries() throws Exception {
        kmm.deposit("web-eve", new BigDecimal("20"), "grass mowing");
        kmm.setBudget("web-eve", new BigDecimal("100"), "daily");
        kmm.withdraw("web-eve", new BigDecimal("7.5"), "<b>cards</b>");

        try (EventStreamReader ledger = http.events("/api/events?ledger=web-eve")) {
            assertThat(ledger.response().headers().firstValue("Content-Type"))
                    .contains("text/event-stream; charset=utf-8");
            // in order: the history, then ready
            EventStreamReader.Event one = ledger.next();
            EventStreamReader.Event two = ledger.next();
            assertThat(List.of(one.name(), two.name(), ledger.next().name())).containsExactly("entry", "entry", "ready");
            JsonNode first = json(one.data());
            JsonNode second = json(two.data());
            kmm.deposit("web-eve", new BigDecimal("10"), "allowance");
            EventStreamReader.Event live = ledger.next("entry");

            assertThat(first.get("amount").asText()).isEqualTo("20");
            assertThat(first.get("balance").asText()).isEqualTo("20");
            assertThat(second.get("amount").asText()).isEqualTo("-7.5");
            assertThat(second.get("description").asText()).isEqualTo("<b>cards</b>");
            assertThat(second.get("balance").asText()).isEqualTo("12.5");
            assertThat(json(live.data()).get("balance").asText()).isEqualTo("22.5");
            assertThat(live.id()).isEqualTo(json(live.data()).get("sequence").asText());
        }
    }

    @Test
    void the_ledger_of_an_account_without_events_is_ready_at_once() {
        try (EventStreamReader ledger = http.events("/api/events?ledger=web-new")) {
            ledger.next("ready");
            kmm.deposit("web-new", new BigDecimal("1"), "first");

            assertThat(json(ledger.next("entry").data()).get("description").asText()).isEqualTo("first");
        }
    }

    @Test
    void the_event_stream_names_each_account_that_changes() {
        try (EventStreamReader family = http.events("/api/events")) {
            kmm.deposit("web-fay", new BigDecimal("2"), "");

            EventStreamReader.Event changed = family.next("account");
            assertThat(json(changed.data()).get("account").asText()).isEqualTo("web-fay");
        }
    }

    @Test
    void a_command_sent_twice_with_one_command_id_is_stored_once() throws Exception {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Rita-Command-Id", "web-gus-1");
        String body = "{\"Amount\":\"5\"}";

        assertThat(http.send("POST", "/api/accounts/web-gus/deposit-funds", body, headers).statusCode()).isEqualTo(204);
        assertThat(http.send("POST", "/api/accounts/web-gus/deposit-funds", body, headers).statusCode()).isEqualTo(204);

        assertThat(kmm.balance("web-gus")).isEqualByComparingTo("5");
    }

    @Test
    void an_account_name_with_an_escaped_slash_is_one_account_as_on_nats() throws Exception {
        // '/' is allowed in a subject token; decoding each path segment on its own keeps it in the name
        assertThat(http.post("/api/accounts/web-h%2Fi/deposit-funds", "{\"Amount\":\"4\"}").statusCode()).isEqualTo(204);

        assertThat(kmm.balance("web-h/i")).isEqualByComparingTo("4");
        assertThat(json(http.get("/api/accounts/web-h%2Fi")).get("account").asText()).isEqualTo("web-h/i");
    }

    @Test
    void a_closed_page_ends_its_streams_and_frees_its_port() throws IOException {
        WebPage second = service.openPage(new InetSocketAddress("127.0.0.1", 0));
        int port = second.address().getPort();
        try (EventStreamReader family = new PageClient(second.url()).events("/api/events")) {
            second.close();

            assertThat(family.next()).isEqualTo(EventStreamReader.END);
        }
        try (ServerSocket again = new ServerSocket(port, 1, second.address().getAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isLessThan(500);
        return JSON.readTree(response.body());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}

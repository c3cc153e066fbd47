package io.rita.kmm.service.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamApiException;
import io.rita.kmm.service.KmmServer;
import io.rita.kmm.service.KmmServerOptions;
import io.rita.kmm.service.KmmSubjects;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Requests that the page's own forms never send, or send with what a user typed: each gets the
 * right status and a message that says what is wrong, nothing is stored, and the page keeps
 * serving.
 */
@Timeout(60)
class WebBadInputTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPOSIT = "/api/accounts/bad-input/deposit-funds";
    private static KmmServer service;
    private static WebPage page;
    private static PageClient http;
    private long storedBefore;

    @BeforeAll
    static void start() {
        service = KmmServer.start(KmmServerOptions.connectingTo(nats.url()));
        page = service.openPage(new InetSocketAddress("127.0.0.1", 0));
        http = new PageClient(page.url());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void countStored() throws Exception {
        storedBefore = stored();
    }

    @AfterEach
    void nothingStoredAndStillServing() throws Exception {
        assertThat(stored()).as("messages in the store").isEqualTo(storedBefore);
        assertThat(http.get("/api/accounts").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/accounts/bad-input").statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> bad_form_values() {
        return Stream.of(
                arguments("deposit-funds", "{\"Amount\":\"fifty\"}", 400, "kmm: Amount must be a decimal number like \"7.5\", was \"fifty\""),
                arguments("deposit-funds", "{\"Amount\":true}", 400, "kmm: Amount must be a decimal number"),
                arguments("deposit-funds", "{\"Amount\":\"1,50\"}", 400, "kmm: Amount must be a decimal number"),
                arguments("deposit-funds", "{\"Description\":\"no amount\"}", 422, "kmm: amount is required"),
                arguments("deposit-funds", "{\"Amount\":\"\"}", 400, "kmm: Amount must be a decimal number"),
                arguments("deposit-funds", "{\"Amount\":\"-5\"}", 422, "kmm: amount must be greater than zero"),
                arguments("deposit-funds", "{\"Amount\":\"1e999999\"}", 422, "kmm: amount must be less than 1000000000000000"),
                arguments("deposit-funds", "{\"Amount\":\"5\",\"Description\":\"" + "x".repeat(1_001) + "\"}", 400,
                        "kmm: description must be at most 1000 characters, was 1001"),
                arguments("deposit-funds", "{\"Amount\":\"5\",\"Description\":{\"a\":1}}", 400, "kmm: Description has the wrong type"),
                arguments("withdraw-funds", "{\"Amount\":\"5\"}", 422, "kmm: insufficient funds"),
                arguments("set-budget", "{\"MaxAmount\":\"20\",\"Period\":\"yearly\"}", 400, "kmm: period must be minutely, daily, weekly, monthly"),
                arguments("set-budget", "{\"MaxAmount\":\"20\"}", 422, "kmm: period must be minutely, daily, weekly, monthly"),
                arguments("set-budget", "{\"MaxAmount\":\"twenty\",\"Period\":\"daily\"}", 400, "kmm: MaxAmount must be a decimal number"),
                arguments("set-budget", "{\"Period\":\"daily\"}", 422, "kmm: max amount is required"),
                arguments("set-budget", "{\"MaxAmount\":\"-1\",\"Period\":\"daily\"}", 422, "kmm: max amount must not be negative"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void bad_form_values(String operation, String body, int status, String error) throws IOException {
        assertError(http.post("/api/accounts/bad-input/" + operation, body), status, error);
    }

    static Stream<Arguments> bad_bodies() {
        return Stream.of(
                arguments("", 400, "kmm: request body must be a JSON object like"),
                arguments("fifty", 400, "kmm: request body is not valid JSON"),
                arguments("{\"Amount\":", 400, "kmm: request body is not valid JSON"),
                arguments("[1,2]", 400, "kmm: request body must be a JSON object like"),
                arguments("null", 400, "kmm: request body must be a JSON object like"),
                arguments("{\"Amount\":\"5\",\"X\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", 400,
                        "kmm: request body is not valid JSON"),
                arguments("{\"Amount\":\"5\",\"Description\":\"" + "x".repeat(100_000) + "\"}", 413,
                        "request body is 100031 bytes, over the limit of 65536 bytes"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource
    void bad_bodies(String body, int status, String error) throws IOException {
        assertError(http.post(DEPOSIT, body), status, error);
    }

    static Stream<Arguments> bad_paths_and_methods() {
        String account = "kmm: account must be one word without '.', '*', '>' or whitespace, was ";
        return Stream.of(
                arguments("POST", "/api/accounts/su.sie/deposit-funds", 400, account + "'su.sie'"),
                arguments("POST", "/api/accounts/su*sie/deposit-funds", 400, account + "'su*sie'"),
                arguments("POST", "/api/accounts/%3E/deposit-funds", 400, account + "'>'"),
                arguments("POST", "/api/accounts/su%20sie/deposit-funds", 400, account + "'su sie'"),
                arguments("POST", "/api/accounts/%E2%9C/deposit-funds", 400, "the path '/api/accounts/%E2%9C/deposit-funds' is not UTF-8"),
                arguments("GET", "/api/accounts/su.sie", 400, account + "'su.sie'"),
                arguments("GET", "/api/accounts/*", 400, account + "'*'"),
                arguments("POST", "/api/accounts/bad-input/pay", 404, "unknown operation 'pay'; the page's commands are"),
                arguments("POST", "/api/accounts/bad-input/balance", 404, "unknown operation 'balance'"),
                arguments("GET", "/api/accounts/bad-input/deposit-funds", 405, "method GET is not allowed on /api/accounts/bad-input/deposit-funds; use POST"),
                arguments("PUT", "/api/accounts/bad-input/deposit-funds", 405, "method PUT is not allowed"),
                arguments("DELETE", "/api/accounts", 405, "method DELETE is not allowed on /api/accounts; use GET"),
                arguments("POST", "/api/accounts/bad-input", 405, "method POST is not allowed on /api/accounts/bad-input; use GET"),
                arguments("POST", "/api/accounts/bad-input/ledger", 404, "unknown operation 'ledger'"),
                arguments("GET", "/api/events?ledger=su.sie", 400, account + "'su.sie'"),
                arguments("GET", "/api/events?ledger=%3E", 400, account + "'>'"),
                arguments("GET", "/api/events?ledger=", 400, account + "''"),
                arguments("GET", "/api/events?ledger", 400, "/api/events takes one parameter, ledger=<account>, not 'ledger'"),
                arguments("GET", "/api/events?ledger=susie&x=1", 400, "/api/events takes one parameter"),
                arguments("POST", "/api/events", 405, "method POST is not allowed on /api/events; use GET"),
                arguments("POST", "/", 405, "method POST is not allowed on /; use GET or HEAD"),
                arguments("GET", "/api/nothing", 404, "nothing here: /api/nothing"),
                arguments("GET", "/../etc/passwd", 404, "nothing here"),
                arguments("GET", "/kmm.jsx", 404, "nothing here"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void bad_paths_and_methods(String method, String path, int status, String error) throws IOException {
        HttpResponse<String> response = http.send(method, path, method.equals("GET") ? null : "{\"Amount\":\"5\"}",
                Map.of("Content-Type", "application/json"));

        assertError(response, status, error);
        if (status == 405) {
            assertThat(response.headers().firstValue("Allow")).isPresent();
        }
    }

    static Stream<Arguments> bad_headers() {
        return Stream.of(
                arguments(Map.of(), 415, "send commands as JSON with Content-Type: application/json"),
                arguments(Map.of("Content-Type", "text/plain"), 415, "send commands as JSON with Content-Type: application/json, not 'text/plain'"),
                arguments(Map.of("Content-Type", "application/x-www-form-urlencoded"), 415, "send commands as JSON"),
                arguments(Map.of("Content-Type", "application/json", "Origin", "http://evil.example"), 403,
                        "commands are taken from this page only, not from http://evil.example"),
                arguments(Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"), 403,
                        "commands are taken from this page only, not from another site (cross-site)"),
                arguments(Map.of("Content-Type", "application/json", "Rita-Command-Id", "x".repeat(200)), 400,
                        "Rita-Command-Id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bad_headers(Map<String, String> headers, int status, String error) throws IOException {
        assertError(http.send("POST", DEPOSIT, "{\"Amount\":\"5\"}", headers), status, error);
    }

    @Test
    void refuses_a_host_name_other_than_loopback_which_stops_dns_rebinding() {
        String status = http.raw("GET /api/accounts HTTP/1.1\r\nHost: evil.example:" + page.address().getPort()
                + "\r\nConnection: close");

        assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(http.raw("GET /api/accounts HTTP/1.1\r\nHost: localhost:" + page.address().getPort()
                + "\r\nConnection: close")).isEqualTo("HTTP/1.1 200 OK");
    }

    /**
     * A refused body is read and dropped before the answer goes out: closing a connection with
     * bytes unread resets it, and the client then often gets no answer at all, only "header parser
     * received no bytes" (the JDK's server drains 64 KiB by itself; a megabyte is far more).
     */
    @Test
    void a_refused_body_is_read_first_so_that_the_client_gets_the_answer_every_time() throws IOException {
        String body = "{\"Amount\":\"5\",\"Description\":\"" + "x".repeat(1_000_000) + "\"}";

        for (int i = 0; i < 10; i++) {
            assertError(http.post(DEPOSIT, body), 413, "request body is 1000031 bytes, over the limit of 65536 bytes");
            assertError(http.postChunked(DEPOSIT, body), 413, "request body is more than 65536 bytes, over the limit"
                    + " of 65536 bytes");
            // any refusal before the body is read, too
            assertError(http.send("POST", DEPOSIT, body, Map.of("Content-Type", "text/plain")), 415,
                    "send commands as JSON with Content-Type: application/json, not 'text/plain'");
        }
    }

    /** The refusal goes out before what is left of the body is read: a client may wait for it before sending. */
    @Test
    void refuses_a_declared_body_over_the_limit_that_is_never_sent() {
        String status = http.raw("POST " + DEPOSIT + " HTTP/1.1\r\nHost: 127.0.0.1:" + page.address().getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000000");

        assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }

    @Test
    void refuses_a_declared_body_over_the_limit_without_waiting_for_it() {
        String status = http.raw("POST " + DEPOSIT + " HTTP/1.1\r\nHost: 127.0.0.1:" + page.address().getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\nConnection: close");

        assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }

    @Test
    void refuses_a_broken_percent_escape() {
        String status = http.raw("GET /api/accounts/%zz HTTP/1.1\r\nHost: 127.0.0.1:" + page.address().getPort()
                + "\r\nConnection: close");

        assertThat(status).startsWith("HTTP/1.1 400 ");
    }

    private static void assertError(HttpResponse<String> response, int status, String error) throws IOException {
        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith(error);
    }

    private static long stored() throws IOException, JetStreamApiException {
        return nats.connection().jetStreamManagement().getStreamInfo(KmmSubjects.STORE).getStreamState().getMsgCount();
    }
}

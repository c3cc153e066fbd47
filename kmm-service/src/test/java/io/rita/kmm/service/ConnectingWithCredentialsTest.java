package io.rita.kmm.service;

import io.nats.client.NKey;
import io.rita.kmm.service.cli.Kmm;
import io.rita.kmm.service.connect.NatsAccess;
import io.rita.kmm.service.connect.NatsContext;
import io.rita.kmm.service.connect.NatsCredentials;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way of authenticating that a {@code kmm} client and {@code kmm serve} support, each
 * against a real nats-server that requires it: user and password, token, NKey, a credentials
 * file (operator mode, JWTs made in the test) and TLS with a CA made in the test. Each also
 * checks the failures: wrong or missing credentials, a certificate that does not verify; one
 * line on standard error and exit 3. Clients run in process ({@code Kmm.run}), with contexts
 * named by file so that no environment is needed.
 */
@Timeout(120)
class ConnectingWithCredentialsTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();
    private NatsContextFiles contexts;

    record Run(int exitCode, List<String> out, List<String> err) {
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private String server(String config) {
        contexts = new NatsContextFiles(dir.resolve("config"));
        NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir.resolve("store"))
                .withConfig(config)).start();
        running.add(server);
        return server.url();
    }

    private void service(NatsAccess access) {
        running.add(KmmServer.start(KmmServerOptions.connectingTo(access)));
    }

    static Run kmm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString().lines().toList(), err.toString().lines().toList());
    }

    static void printsExactly(Run run, String... lines) {
        assertThat(run.err()).as("stderr").isEmpty();
        assertThat(run.out()).as("stdout").containsExactly(lines);
        assertThat(run.exitCode()).as("exit code").isZero();
    }

    static void failsWith(Run run, int exitCode, String line) {
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(run.err()).as("stderr").containsExactly(line);
        assertThat(run.exitCode()).as("exit code").isEqualTo(exitCode);
    }

    private String context(String name, Map<String, ?> fields) {
        return contexts.save(name, fields).toString();
    }

    @Test
    void user_and_password_from_a_context_or_the_url() {
        String url = server("authorization { users = [{user: svc, password: svc-pw}, {user: mum, password: mum-pw}] }");
        service(NatsAccess.of(List.of(url)).withCredentials(new NatsCredentials.UserPassword("svc", "svc-pw"), "test"));
        String mum = context("mum", Map.of("url", url, "user", "mum", "password", "mum-pw"));

        printsExactly(kmm("deposit", "susie", "20", "--nats.context", mum));
        printsExactly(kmm("balance", "susie", "--nats.context", mum), "20");
        printsExactly(kmm("balance", "susie", "--nats.url", url.replace("nats://", "nats://mum:mum-pw@")), "20");

        long start = System.nanoTime();
        Run wrong = kmm("balance", "susie", "--timeout", "60", "--nats.context", context("wrong", Map.of("url", url,
                "user", "mum", "password", "nope")));
        // the server says so at once; jnats alone would wait for the whole connect timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        failsWith(wrong, 3,
                "kmm: NATS at " + url + " refused user 'mum' (Authorization Violation) (from context 'wrong'): "
                        + "check them");
        failsWith(kmm("balance", "susie", "--nats.url", url), 3, "kmm: NATS at " + url + " requires credentials "
                + "(Authorization Violation): give a credentials file, or a NATS context with a user, token, NKey or creds");
        failsWith(kmm("balance", "susie", "--nats.url", url.replace("nats://", "nats://mum:nope@")), 3,
                "kmm: NATS at " + url.replace("nats://", "nats://mum:***@") + " refused the user in the URL "
                        + "(Authorization Violation): check them");
    }

    @Test
    void a_token_from_a_context() {
        String url = server("authorization { token: \"family-token\" }");
        service(NatsAccess.of(List.of(url)).withCredentials(new NatsCredentials.Token("family-token"), "test"));

        printsExactly(kmm("balance", "susie", "--nats.context", context("family", Map.of("url", url,
                "token", "family-token"))), "0");
        failsWith(kmm("balance", "susie", "--nats.context", context("stale", Map.of("url", url, "token", "old"))), 3,
                "kmm: NATS at " + url + " refused a token (Authorization Violation) (from context 'stale'): check them");
    }

    @Test
    void an_nkey_seed_file_from_a_context() throws Exception {
        NKey service = NKey.createUser(null);
        NKey kid = NKey.createUser(null);
        NKey stranger = NKey.createUser(null);
        String url = server("authorization { users = [{nkey: " + new String(service.getPublicKey()) + "}, {nkey: "
                + new String(kid.getPublicKey()) + "}] }");
        service(NatsAccess.of(List.of(url)).withCredentials(new NatsCredentials.NKeySeedFile(seedFile("svc", service)),
                "test"));

        printsExactly(kmm("balance", "susie", "--nats.context", context("kid", Map.of("url", url,
                "nkey", seedFile("kid", kid).toString()))), "0");
        failsWith(kmm("balance", "susie", "--nats.context", context("stranger", Map.of("url", url,
                        "nkey", seedFile("stranger", stranger).toString()))), 3,
                "kmm: NATS at " + url + " refused NKey seed file " + dir.resolve("stranger.nk")
                        + " (Authorization Violation) (from context 'stranger'): check them");
        Path missing = dir.resolve("missing.nk");
        failsWith(kmm("balance", "susie", "--nats.context", context("lost", Map.of("url", url,
                "nkey", missing.toString()))), 3, "kmm: the NKey seed file " + missing + " does not exist");
    }

    @Test
    void a_credentials_file_in_operator_mode() throws Exception {
        TestOperator operator = new TestOperator();
        TestOperator.Account family = operator.account("FAMILY", "");
        String url = server(operator.serverConfig());
        service(NatsAccess.of(List.of(url)).withCredentials(
                new NatsCredentials.CredsFile(family.user("kmm-serve", dir)), "test"));
        Path mum = family.user("mum", dir);

        printsExactly(kmm("deposit", "susie", "5", "--nats.url", url, "--nats.creds", mum.toString()));
        printsExactly(kmm("balance", "susie", "--nats.url", url, "--nats.creds", mum.toString()), "5");
        printsExactly(kmm("balance", "susie", "--nats.context", context("mum", Map.of("url", url,
                "creds", mum.toString()))), "5");

        Path foreign = new TestOperator().account("ELSEWHERE", "").user("intruder", dir);
        failsWith(kmm("balance", "susie", "--nats.url", url, "--nats.creds", foreign.toString()), 3,
                "kmm: NATS at " + url + " refused credentials file " + foreign + " (Authorization Violation) "
                        + "(from --nats.creds): check them");
        Path missing = dir.resolve("missing.creds");
        failsWith(kmm("balance", "susie", "--nats.url", url, "--nats.creds", missing.toString()), 3,
                "kmm: the credentials file " + missing + " does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.creds"), "not a creds file\n");
        failsWith(kmm("balance", "susie", "--nats.url", url, "--nats.creds", garbage.toString()), 3,
                "kmm: " + garbage + " is not a NATS credentials file: expected a user JWT and an NKey seed, as "
                        + "`nsc generate creds` or `nats auth user credential` write them");
        failsWith(kmm("balance", "susie", "--nats.url", url), 3, "kmm: NATS at " + url + " requires credentials "
                + "(Authorization Violation): give a credentials file, or a NATS context with a user, token, NKey or creds");
    }

    @Test
    void tls_with_a_certificate_authority_made_in_the_test() {
        TestCertificates ca = TestCertificates.authority(dir, "family-ca");
        TestCertificates.Pem server = ca.issue("server");
        TestCertificates.Pem client = ca.issue("client");
        String url = server("tls { cert_file: \"" + server.cert() + "\", key_file: \"" + server.key()
                + "\", ca_file: \"" + ca.file() + "\", verify: true, timeout: 5 }").replace("nats://", "tls://");
        Map<String, String> tls = Map.of("url", url, "ca", ca.file().toString(), "cert", client.cert().toString(),
                "key", client.key().toString());
        running.add(KmmServer.start(KmmServerOptions.connectingTo(
                NatsAccess.from(NatsContext.load(context("svc", tls), Map.of()), url))));

        printsExactly(kmm("deposit", "susie", "3", "--nats.context", context("mum", tls)));
        printsExactly(kmm("balance", "susie", "--nats.context", context("mum", tls)), "3");
        // nats:// with the context's TLS files: the client starts TLS as the server asks
        printsExactly(kmm("balance", "susie", "--nats.context", context("mum", tls),
                "--nats.url", url.replace("tls://", "nats://")), "3");

        TestCertificates other = TestCertificates.authority(dir, "other-ca");
        failsWith(kmm("balance", "susie", "--nats.context", context("other", Map.of("url", url,
                        "ca", other.file().toString(), "cert", client.cert().toString(),
                        "key", client.key().toString()))), 3,
                "kmm: the TLS certificate of NATS at " + url + " does not verify against the CA in " + other.file()
                        + ": set the context's ca to the certificate authority that signed it");
        failsWith(kmm("balance", "susie", "--nats.url", url), 3, "kmm: the TLS certificate of NATS at " + url
                + " does not verify against the JVM's trusted certificate authorities: set the context's ca to the "
                + "certificate authority that signed it");
        // the server closes the connection after the TLS 1.3 handshake, so this one takes --timeout
        failsWith(kmm("balance", "susie", "--timeout", "2", "--nats.context", context("anonymous", Map.of("url", url,
                        "ca", ca.file().toString()))), 3,
                "kmm: NATS at " + url + " did not go on after the TLS handshake: it verifies clients and did not accept "
                        + "a connection without a client certificate; set the context's cert and key to a certificate "
                        + "its CA signed");
    }

    private Path seedFile(String name, NKey key) throws Exception {
        return Files.writeString(dir.resolve(name + ".nk"), new String(key.getSeed()) + "\n");
    }
}

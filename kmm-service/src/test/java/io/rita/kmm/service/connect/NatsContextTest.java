package io.rita.kmm.service.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the nats CLI's context files: fields, paths, and every way a file can be wrong. */
class NatsContextTest {

    @TempDir
    Path config;

    private Map<String, String> environment() {
        return Map.of("XDG_CONFIG_HOME", config.toString(), "HOME", "/home/susie", "KEYS", "/keys");
    }

    private Path save(String name, String json) throws IOException {
        Path file = config.resolve("nats").resolve("context").resolve(name + ".json");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }

    @Test
    void reads_the_fields_and_expands_home_and_variables_in_paths() throws IOException {
        save("kid", """
                {"description": "susie's", "url": "tls://nats.home:4222", "user": "susie", "password": "pw",
                 "creds": "", "nkey": "", "cert": "~/certs/susie.pem", "key": "$KEYS/susie-key.pem",
                 "ca": "file://${KEYS}/ca.pem", "inbox_prefix": "_INBOX_susie", "tls_first": false,
                 "color_scheme": "", "jetstream_domain": "", "some_future_field": 1}
                """);

        NatsContext kid = NatsContext.load("kid", environment());

        assertThat(kid.url()).isEqualTo("tls://nats.home:4222");
        assertThat(kid.user()).isEqualTo("susie");
        assertThat(kid.creds()).isNull();
        assertThat(kid.cert()).isEqualTo("/home/susie/certs/susie.pem");
        assertThat(kid.key()).isEqualTo("/keys/susie-key.pem");
        assertThat(kid.ca()).isEqualTo("/keys/ca.pem");
        assertThat(kid.inboxPrefix()).isEqualTo("_INBOX_susie");
    }

    @Test
    void the_contexts_directory_defaults_to_home_config() {
        assertThat(NatsContext.directory(Map.of("HOME", "/home/susie")))
                .isEqualTo(Path.of("/home/susie/.config/nats/context"));
    }

    @Test
    void a_json_file_path_works_as_a_name_and_is_named_by_the_file() throws IOException {
        Path file = save("mum", "{\"url\":\"nats://h:1\"}");

        NatsContext mum = NatsContext.load(file.toString(), Map.of());

        assertThat(mum.name()).isEqualTo("mum");
        assertThat(mum.url()).isEqualTo("nats://h:1");
    }

    @Test
    void refuses_a_file_that_is_not_json_or_not_an_object() throws IOException {
        Path broken = save("broken", "{\"url\": ");
        save("array", "[]");

        assertThatThrownBy(() -> NatsContext.load("broken", environment())).isInstanceOf(NatsAccessException.class)
                .hasMessageStartingWith("NATS context 'broken' (" + broken + ") is not valid JSON: ");
        assertThatThrownBy(() -> NatsContext.load("array", environment())).isInstanceOf(NatsAccessException.class)
                .hasMessageContaining("must be a JSON object like");
    }

    @Test
    void refuses_fields_of_the_wrong_type() throws IOException {
        save("typed", "{\"url\": 4222}");
        save("flag", "{\"tls_first\": \"yes\"}");

        assertThatThrownBy(() -> NatsContext.load("typed", environment())).isInstanceOf(NatsAccessException.class)
                .hasMessageEndingWith(": url must be a string, was 4222");
        assertThatThrownBy(() -> NatsContext.load("flag", environment())).isInstanceOf(NatsAccessException.class)
                .hasMessageEndingWith(": tls_first must be true or false, was \"yes\"");
    }

    @Test
    void refuses_what_kmm_cannot_honour_rather_than_connect_otherwise() throws IOException {
        save("proxied", "{\"socks_proxy\": \"127.0.0.1:1080\"}");
        save("vault", "{\"creds\": \"op://Family/nats/creds\"}");

        assertThatThrownBy(() -> NatsContext.load("proxied", environment())).isInstanceOf(NatsAccessException.class)
                .hasMessage("NATS context 'proxied' sets socks_proxy, which kmm does not support: use a context "
                        + "without it");
        assertThatThrownBy(() -> NatsContext.load("vault", environment())).isInstanceOf(NatsAccessException.class)
                .hasMessage("NATS context 'vault': creds 'op://Family/nats/creds' is a reference kmm cannot "
                        + "resolve; kmm reads creds from a file: save the context with a file path");
    }

    @Test
    void refuses_names_that_could_leave_the_contexts_directory() {
        assertThatThrownBy(() -> NatsContext.load("../secrets", environment())).isInstanceOf(NatsAccessException.class)
                .hasMessage("'../secrets' is not a NATS context name (a word like 'kid') nor a context .json file");
    }

    @Test
    void refuses_a_context_with_two_kinds_of_credentials() throws IOException {
        save("both", "{\"user\": \"mum\", \"creds\": \"/mum.creds\"}");

        assertThatThrownBy(() -> NatsAccess.from(NatsContext.load("both", environment()), "nats://h:1"))
                .isInstanceOf(NatsAccessException.class)
                .hasMessage("NATS context 'both' sets more than one kind of credentials (user, creds): keep one");
    }

    @Test
    void a_directory_where_the_credentials_file_should_be_is_refused_before_connecting() {
        NatsAccess access = NatsAccess.of(java.util.List.of("nats://127.0.0.1:1"))
                .withCredentials(new NatsCredentials.CredsFile(config), "--nats.creds");

        assertThatThrownBy(access::options).isInstanceOf(NatsAccessException.class)
                .hasMessage("the credentials file " + config + " is a directory, not a file");
    }

    @Test
    void a_certificate_without_its_key_is_refused() {
        NatsTls tls = new NatsTls(null, config.resolve("client.pem"), null, false);

        assertThatThrownBy(tls::sslContext).isInstanceOf(NatsAccessException.class)
                .hasMessage("a client certificate needs both cert and key; only cert is set");
    }

    @Test
    void a_ca_file_without_a_certificate_is_refused() throws IOException {
        Path ca = Files.writeString(config.resolve("ca.pem"), "not a certificate");

        assertThatThrownBy(() -> new NatsTls(ca, null, null, false).sslContext()).isInstanceOf(NatsAccessException.class)
                .hasMessageStartingWith("the CA file " + ca + " holds no PEM certificate");
    }
}

package io.rita.kmm.service.cli;

import io.rita.kmm.service.connect.NatsAccess;
import io.rita.kmm.service.connect.NatsAccessException;
import io.rita.kmm.service.connect.NatsCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where each connection setting comes from: flag, then environment, then context, then the default. */
class ConnectionOptionsTest {

    @TempDir
    Path config;

    private final Map<String, String> environment = new HashMap<>();

    private void context(String name, String json) throws IOException {
        Path file = config.resolve("nats").resolve("context").resolve(name + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        environment.put("XDG_CONFIG_HOME", config.toString());
    }

    @Test
    void without_anything_it_is_the_embedded_servers_address_without_credentials() {
        NatsAccess access = ConnectionOptions.resolve(null, null, null, environment);

        assertThat(access.servers()).containsExactly("nats://127.0.0.1:4837");
        assertThat(access.credentials()).isEqualTo(new NatsCredentials.None());
    }

    @Test
    void the_flag_wins_over_the_environment_which_wins_over_the_context() throws IOException {
        context("family", "{\"url\":\"nats://context:4222\",\"creds\":\"/ctx.creds\"}");
        environment.put("NATS_URL", "env:4222");
        environment.put("NATS_CREDS", "/env.creds");

        assertThat(ConnectionOptions.resolve(null, null, "family", environment).servers())
                .containsExactly("nats://env:4222");
        assertThat(ConnectionOptions.resolve("tls://flag:4222", null, "family", environment).servers())
                .containsExactly("tls://flag:4222");
        assertThat(ConnectionOptions.resolve(null, null, "family", environment).credentials())
                .isEqualTo(new NatsCredentials.CredsFile(Path.of("/env.creds")));
        assertThat(ConnectionOptions.resolve(null, "/flag.creds", "family", environment).credentials())
                .isEqualTo(new NatsCredentials.CredsFile(Path.of("/flag.creds")));

        environment.remove("NATS_URL");
        environment.remove("NATS_CREDS");
        NatsAccess fromContext = ConnectionOptions.resolve(null, null, "family", environment);
        assertThat(fromContext.servers()).containsExactly("nats://context:4222");
        assertThat(fromContext.credentials()).isEqualTo(new NatsCredentials.CredsFile(Path.of("/ctx.creds")));
    }

    @Test
    void a_credentials_file_replaces_the_contexts_user_but_keeps_its_url_and_tls() throws IOException {
        context("mum", "{\"url\":\"tls://nats.home:4222\",\"user\":\"mum\",\"password\":\"pw\",\"ca\":\"/ca.pem\"}");

        NatsAccess access = ConnectionOptions.resolve(null, "/mum.creds", "mum", environment);

        assertThat(access.servers()).containsExactly("tls://nats.home:4222");
        assertThat(access.credentials()).isEqualTo(new NatsCredentials.CredsFile(Path.of("/mum.creds")));
        assertThat(access.tls().ca()).isEqualTo(Path.of("/ca.pem"));
    }

    @Test
    void NATS_CONTEXT_names_the_context_and_the_flag_overrides_it() throws IOException {
        context("kid", "{\"url\":\"kid:4222\"}");
        context("mum", "{\"url\":\"mum:4222\"}");
        environment.put("NATS_CONTEXT", "kid");

        assertThat(ConnectionOptions.resolve(null, null, null, environment).servers()).containsExactly("nats://kid:4222");
        assertThat(ConnectionOptions.resolve(null, null, "mum", environment).servers()).containsExactly("nats://mum:4222");
    }

    @Test
    void the_nats_clis_selected_context_is_not_used() throws IOException {
        context("ngs", "{\"url\":\"tls://connect.example:4222\"}");
        Files.writeString(config.resolve("nats").resolve("context.txt"), "ngs");

        assertThat(ConnectionOptions.resolve(null, null, null, environment).servers())
                .containsExactly("nats://127.0.0.1:4837");
    }

    @Test
    void an_empty_variable_is_unset_but_an_empty_flag_is_a_mistake() {
        environment.put("NATS_URL", "");
        environment.put("NATS_CREDS", " ");
        environment.put("NATS_CONTEXT", "");

        assertThat(ConnectionOptions.resolve(null, null, null, environment).servers())
                .isEqualTo(List.of("nats://127.0.0.1:4837"));
        assertThatThrownBy(() -> ConnectionOptions.resolve("", null, null, environment))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--nats.url needs a value, was empty");
        assertThatThrownBy(() -> ConnectionOptions.resolve(null, " ", null, environment))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--nats.creds needs a value, was empty");
        assertThatThrownBy(() -> ConnectionOptions.resolve(null, null, "", environment))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--nats.context needs a value, was empty");
    }

    @Test
    void an_unknown_context_names_the_file_it_looked_for_and_the_known_ones() throws IOException {
        context("kid", "{}");

        assertThatThrownBy(() -> ConnectionOptions.resolve(null, null, "kdi", environment))
                .isInstanceOf(NatsAccessException.class)
                .hasMessage("unknown NATS context 'kdi': there is no " + config.resolve("nats/context/kdi.json")
                        + " (known: kid); create it with `nats context save kdi ...`");
    }
}

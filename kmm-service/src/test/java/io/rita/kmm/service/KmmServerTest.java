package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import io.rita.service.ServiceHeaders;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starting {@link KmmServer} against what it may find: a data directory in use, a store made by
 * someone else, a nats-server without JetStream; and a command sent twice with one id.
 */
class KmmServerTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @TempDir
    Path dataDir;

    @Test
    void refuses_a_second_embedded_server_on_a_data_directory_in_use() {
        try (KmmServer first = KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0))) {
            assertThat(first.dataDir()).isEqualTo(dataDir);

            assertThatThrownBy(() -> KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0)))
                    .isInstanceOf(KmmStartException.class)
                    .hasMessage("the data directory " + dataDir + " is in use by another `kmm serve --nats.embed` "
                            + "(it holds " + dataDir.resolve(".kmm.lock") + "): use that one, or pick another --data-dir");
        }
    }

    @Test
    void frees_the_data_directory_when_it_stops() {
        KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0)).close();

        try (KmmServer again = KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0))) {
            assertThat(again.dataDir()).isEqualTo(dataDir);
        }
    }

    @Test
    void turns_on_direct_gets_on_an_existing_store_that_lacks_them() throws Exception {
        JetStreamManagement management = nats.connection().jetStreamManagement();
        management.addStream(StreamConfiguration.builder().name(KmmSubjects.STORE)
                .subjects(KmmSubjects.STORE_SUBJECTS).storageType(StorageType.File).allowDirect(false).build());
        try {
            try (KmmServer service = KmmServer.start(KmmServerOptions.connectingTo(nats.url()));
                 KmmClient client = KmmClient.connect(NatsUrl.parse(service.url()), Duration.ofSeconds(10))) {
                client.deposit("direct", new BigDecimal("5"), "");

                assertThat(client.balance("direct")).isEqualByComparingTo("5");
            }
            assertThat(management.getStreamInfo(KmmSubjects.STORE).getConfiguration().getAllowDirect()).isTrue();
        } finally {
            management.deleteStream(KmmSubjects.STORE);
        }
    }

    @Test
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException
    void answers_a_resent_command_as_the_first_time_and_stores_it_once() throws Exception {
        // its own embedded server: the shared one is for the test of a store made by someone else
        try (KmmServer service = KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0));
             Connection connection = Nats.connect(service.url());
             KmmClient client = KmmClient.connect(NatsUrl.parse(service.url()), Duration.ofSeconds(10))) {
            client.deposit("resent", new BigDecimal("5"), "allowance");
            Headers id = new Headers().put(ServiceHeaders.COMMAND_ID, "withdraw-all-1");
            byte[] body = "{\"Amount\":\"5\",\"Description\":\"comics\"}".getBytes(StandardCharsets.UTF_8);

            Message first = connection.request("kmm.services.resent.withdraw-funds", id, body, Duration.ofSeconds(10));
            Message again = connection.request("kmm.services.resent.withdraw-funds", id, body, Duration.ofSeconds(10));

            // the second is not "insufficient funds": it is the same withdrawal, already made
            assertThat(first.getData()).isEmpty();
            assertThat(again.getData()).isEmpty();
            assertThat(again.getHeaders().getFirst(ServiceHeaders.SEQUENCE))
                    .isEqualTo(first.getHeaders().getFirst(ServiceHeaders.SEQUENCE));
            assertThat(client.balance("resent")).isEqualByComparingTo("0");
        }
    }

    @Test
    void refuses_a_nats_server_without_jetstream_with_one_hint(@TempDir Path plainDir) {
        try (NatsServerProcess plain = NatsServerProcess.of(NatsServerOptions.inDirectory(plainDir)
                .withJetStream(false)).start()) {
            String url = plain.url();

            assertThatThrownBy(() -> KmmServer.start(KmmServerOptions.connectingTo(url)))
                    .isInstanceOf(KmmStartException.class)
                    .hasMessage("the nats-server at " + url + " runs without JetStream, where KMM keeps its events: "
                            + "start it with -js, or use `kmm serve --nats.embed`");
        }
    }
}

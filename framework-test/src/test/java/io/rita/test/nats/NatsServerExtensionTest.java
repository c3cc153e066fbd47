package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NatsServerExtensionTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void gives_a_connection_to_a_server_with_jetstream() throws Exception {
        createStream("started");

        long sequence = publish(nats.connection(), "started.1", "hello");

        assertThat(read("started", sequence)).isEqualTo("hello");
    }

    @Test
    void listens_on_loopback_on_a_port_of_its_own() {
        assertThat(nats.url()).isEqualTo("nats://127.0.0.1:" + nats.port());
        assertThat(nats.connection().getConnectedUrl()).endsWith(":" + nats.port());
    }

    @Test
    void restart_keeps_file_stored_messages_and_the_connection_reconnects() throws Exception {
        createStream("restarted");
        long sequence = publish(nats.connection(), "restarted.1", "before restart");
        int port = nats.port();

        nats.restartServer();

        assertThat(nats.port()).isEqualTo(port);
        assertThat(nats.connection().getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(read("restarted", sequence)).isEqualTo("before restart");
        assertThat(publish(nats.connection(), "restarted.1", "after restart")).isEqualTo(sequence + 1);
    }

    @Test
    void a_killed_server_keeps_acknowledged_messages() throws Exception {
        createStream("killed");
        long sequence = publish(nats.connection(), "killed.1", "acknowledged");

        nats.killServer();
        nats.startServer();

        assertThat(read("killed", sequence)).isEqualTo("acknowledged");
    }

    @Test
    void stop_server_returns_once_connections_have_noticed() {
        Connection extra = nats.connect();

        nats.stopServer();

        assertThat(nats.server().isRunning()).isFalse();
        assertThat(extra.getStatus()).isNotEqualTo(Connection.Status.CONNECTED);
        // left stopped on purpose: the extension starts it again before the next test
    }

    @Test
    void connect_gives_another_connection_to_the_same_server() throws Exception {
        createStream("extra");
        Connection extra = nats.connect();

        long sequence = publish(extra, "extra.1", "from another connection");

        assertThat(extra).isNotSameAs(nats.connection());
        assertThat(read("extra", sequence)).isEqualTo("from another connection");
    }

    private static void createStream(String name) throws IOException, JetStreamApiException {
        nats.connection().jetStreamManagement().addStream(StreamConfiguration.builder()
                .name(name).subjects(name + ".>").storageType(StorageType.File).build());
    }

    private static long publish(Connection connection, String subject, String text)
            throws IOException, JetStreamApiException {
        return connection.jetStream().publish(NatsMessage.builder().subject(subject)
                .data(text, StandardCharsets.UTF_8).build()).getSeqno();
    }

    private static String read(String stream, long sequence) throws IOException, JetStreamApiException {
        JetStreamManagement management = nats.connection().jetStreamManagement();
        return new String(management.getMessage(stream, sequence).getData(), StandardCharsets.UTF_8);
    }
}

package io.rita.test.nats;

import io.nats.client.Connection;
import io.rita.nats.NatsServerNotFoundException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drives the extension's lifecycle by hand, as JUnit would, to see what it leaves behind. */
class NatsServerExtensionLifecycleTest {

    @Test
    void deletes_the_store_directory_after_the_last_test() {
        NatsServerExtension extension = new NatsServerExtension();
        extension.startFor("[class:A]");
        Path storeDir = extension.storeDir();
        assertThat(storeDir).isDirectory();

        extension.closeFor("[class:A]");

        assertThat(storeDir).doesNotExist();
    }

    @Test
    void stops_the_server_and_closes_connections_after_the_last_test() {
        NatsServerExtension extension = new NatsServerExtension();
        extension.startFor("[class:A]");
        var server = extension.server();
        Connection shared = extension.connection();
        Connection extra = extension.connect();

        extension.closeFor("[class:A]");

        assertThat(server.isRunning()).isFalse();
        assertThat(shared.getStatus()).isEqualTo(Connection.Status.CLOSED);
        assertThat(extra.getStatus()).isEqualTo(Connection.Status.CLOSED);
    }

    @Test
    void a_nested_class_shares_the_server_of_its_enclosing_class() {
        NatsServerExtension extension = new NatsServerExtension();
        extension.startFor("[class:Outer]");
        var server = extension.server();

        extension.startFor("[class:Outer]/[nested-class:Inner]");
        extension.closeFor("[class:Outer]/[nested-class:Inner]");

        assertThat(extension.server()).isSameAs(server);
        assertThat(server.isRunning()).isTrue();
        extension.closeFor("[class:Outer]");
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void starts_a_server_left_stopped_by_a_test_before_the_next_test() {
        NatsServerExtension extension = new NatsServerExtension();
        extension.startFor("[class:A]");
        try {
            extension.stopServer();

            extension.beforeEach(null);

            assertThat(extension.server().isRunning()).isTrue();
            assertThat(extension.connection().getStatus()).isEqualTo(Connection.Status.CONNECTED);
        } finally {
            extension.closeFor("[class:A]");
        }
    }

    @Test
    void a_missing_binary_fails_with_the_install_hint_and_leaves_no_directory() {
        AtomicReference<Path> storeDir = new AtomicReference<>();
        NatsServerExtension extension = new NatsServerExtension(options -> {
            storeDir.set(options.storeDir());
            return options.withBinary(Path.of("/nonexistent/nats-server"));
        });

        assertThatThrownBy(() -> extension.startFor("[class:A]"))
                .isInstanceOf(NatsServerNotFoundException.class)
                .hasMessageContaining("/nonexistent/nats-server")
                .hasMessageContaining("apt-get install -y nats-server")
                .hasMessageContaining("NATS_SERVER_PATH");
        assertThat(storeDir.get()).doesNotExist();
    }

    @Test
    void refuses_use_before_it_is_started() {
        NatsServerExtension extension = new NatsServerExtension();

        assertThatThrownBy(extension::connection)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("static field");
    }
}

package io.rita.test.nats;

import io.rita.nats.NatsServerBinary;
import io.rita.nats.NatsServerNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NatsServerBinaryTest {

    @TempDir
    Path dir;

    @Test
    void takes_the_executable_named_by_NATS_SERVER_PATH() throws IOException {
        Path binary = executable(dir.resolve("custom/nats-server"));
        Path onPath = executable(dir.resolve("bin/nats-server"));

        Path found = NatsServerBinary.locate(Map.of("NATS_SERVER_PATH", binary.toString(),
                "PATH", onPath.getParent().toString()), List.of());

        assertThat(found).isEqualTo(binary);
    }

    @Test
    void refuses_a_NATS_SERVER_PATH_that_names_no_file_with_the_install_hint() throws IOException {
        Path onPath = executable(dir.resolve("bin/nats-server"));
        Path missing = dir.resolve("missing/nats-server");

        assertThatThrownBy(() -> NatsServerBinary.locate(Map.of("NATS_SERVER_PATH", missing.toString(),
                "PATH", onPath.getParent().toString()), List.of()))
                .isInstanceOf(NatsServerNotFoundException.class)
                .hasMessageContaining("NATS_SERVER_PATH=" + missing)
                .hasMessageContaining("apt-get install -y nats-server");
    }

    @Test
    void takes_the_first_executable_on_PATH() throws IOException {
        Path first = executable(dir.resolve("first/nats-server"));
        executable(dir.resolve("second/nats-server"));
        String path = String.join(":", dir.resolve("empty").toString(), first.getParent().toString(),
                dir.resolve("second").toString());

        assertThat(NatsServerBinary.locate(Map.of("PATH", path), List.of())).isEqualTo(first);
    }

    @Test
    void skips_a_file_on_PATH_that_is_not_executable() throws IOException {
        Path plain = dir.resolve("plain/nats-server");
        Files.createDirectories(plain.getParent());
        Files.writeString(plain, "not a program");
        Path fallback = executable(dir.resolve("sbin/nats-server"));

        assertThat(NatsServerBinary.locate(Map.of("PATH", plain.getParent().toString()), List.of(fallback)))
                .isEqualTo(fallback);
    }

    @Test
    void falls_back_to_the_well_known_places() throws IOException {
        Path fallback = executable(dir.resolve("sbin/nats-server"));

        assertThat(NatsServerBinary.locate(Map.of("PATH", dir.resolve("empty").toString()), List.of(fallback)))
                .isEqualTo(fallback);
    }

    @Test
    void fails_with_the_install_hint_when_there_is_none() {
        Path emptyDir = dir.resolve("empty");

        assertThatThrownBy(() -> NatsServerBinary.locate(Map.of("PATH", emptyDir.toString()),
                List.of(dir.resolve("sbin/nats-server"))))
                .isInstanceOf(NatsServerNotFoundException.class)
                .hasMessageContaining("apt-get install -y nats-server")
                .hasMessageContaining("NATS_SERVER_PATH")
                .satisfies(e -> assertThat(((NatsServerNotFoundException) e).searched())
                        .containsExactly(emptyDir.resolve("nats-server"), dir.resolve("sbin/nats-server")));
    }

    @Test
    void the_default_lookup_finds_the_server_installed_on_this_machine() {
        // the build's own requirement: without a nats-server the integration tests cannot run
        assertThat(NatsServerBinary.locate()).isExecutable();
    }

    private static Path executable(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}

package io.rita.kmm.service;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code nats context save} for tests: context files in {@code <config>/nats/context/}, where
 * {@code config} plays {@code XDG_CONFIG_HOME}.
 *
 * <pre>{@code
 * NatsContextFiles contexts = new NatsContextFiles(dir.resolve("config"));
 * Path kid = contexts.save("kid", Map.of("url", url, "user", "susie", "password", "pw"));
 * }</pre>
 */
record NatsContextFiles(Path config) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes {@code <name>.json} with these fields; returns its path (usable as {@code --nats.context}). */
    Path save(String name, Map<String, ?> fields) {
        try {
            Path file = config.resolve("nats").resolve("context").resolve(name + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment under which these contexts are the CLI's: {@code XDG_CONFIG_HOME}. */
    Map<String, String> environment() {
        return Map.of("XDG_CONFIG_HOME", config.toString());
    }
}

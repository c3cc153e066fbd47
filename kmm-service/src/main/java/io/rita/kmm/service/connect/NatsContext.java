package io.rita.kmm.service.connect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A saved context of the {@code nats} CLI ({@code nats context save}): a JSON file
 * {@code <name>.json} in {@code $XDG_CONFIG_HOME/nats/context/} (default
 * {@code ~/.config/nats/context/}) with the server URL, credentials and TLS files of one
 * NATS user. Paths in it may start with {@code ~} and hold {@code $VAR}, as the CLI allows.
 *
 * <pre>{@code
 * NatsContext kid = NatsContext.load("kid", System.getenv());
 * kid.url();    // "nats://127.0.0.1:4222", or null when the context names none
 * kid.creds();  // "/home/susie/.nkeys/susie.creds", or null
 * }</pre>
 *
 * <p>Empty fields are {@code null}. Fields kmm has no use for (description, colors, JetStream
 * domain and prefixes) are ignored; fields that would change how to connect and that kmm cannot
 * honour ({@code socks_proxy}, {@code nsc}, Windows certificate stores) are refused, rather than
 * connecting some other way than the context says.
 *
 * @param name        the context's name, as given
 * @param file        the file it was read from
 * @param url         server URL(s), comma-separated
 * @param user        user name (with {@code password})
 * @param password    password
 * @param token       authentication token
 * @param creds       credentials file (user JWT and seed)
 * @param nkey        file holding a user NKey seed
 * @param userJwt     a user JWT, with {@code userSeed}
 * @param userSeed    the user's NKey seed, with {@code userJwt}
 * @param cert        client certificate file (PEM)
 * @param key         client key file (PEM)
 * @param ca          certificate authority file (PEM) the server's certificate must verify against
 * @param inboxPrefix the prefix of reply subjects, for users allowed only their own inbox
 * @param tlsFirst    whether to start TLS before the server's greeting
 */
public record NatsContext(String name, Path file, String url, String user, String password, String token,
                          String creds, String nkey, String userJwt, String userSeed, String cert, String key,
                          String ca, String inboxPrefix, boolean tlsFirst) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> UNSUPPORTED = List.of("socks_proxy", "nsc", "windows_cert_store",
            "windows_cert_match", "windows_ca_certs_match");

    /**
     * Reads the context {@code name}: a name from the contexts directory, or the path of a
     * {@code .json} file, as {@code nats --context} accepts.
     *
     * @param environment where {@code XDG_CONFIG_HOME} and {@code HOME} (and the variables in
     *                    paths) come from
     * @throws NatsAccessException when there is no such context, or it cannot be read or used
     */
    public static NatsContext load(String name, Map<String, String> environment) {
        Path file = file(name, environment);
        String shown = shortName(name, file);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new NatsAccessException("unknown NATS context '" + shown + "': there is no " + file
                    + known(file.getParent()) + "; create it with `nats context save " + name + " ...`", e);
        } catch (IOException e) {
            throw new NatsAccessException("cannot read NATS context '" + shown + "' (" + file + "): " + e.getMessage(), e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new NatsAccessException("NATS context '" + shown + "' (" + file + ") is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new NatsAccessException("NATS context '" + shown + "' (" + file + ") must be a JSON object like "
                    + "{\"url\":\"nats://127.0.0.1:4222\",\"creds\":\"~/my.creds\"}", null);
        }
        Fields fields = new Fields(shown, file, json, new PathExpansion(environment));
        for (String unsupported : UNSUPPORTED) {
            if (fields.text(unsupported) != null) {
                throw new NatsAccessException("NATS context '" + shown + "' sets " + unsupported
                        + ", which kmm does not support: use a context without it", null);
            }
        }
        return new NatsContext(shown, file, fields.text("url"), fields.text("user"), fields.text("password"),
                fields.text("token"), fields.path("creds"), fields.path("nkey"), fields.text("user_jwt"),
                fields.text("user_seed"), fields.path("cert"), fields.path("key"), fields.path("ca"),
                fields.text("inbox_prefix"), fields.flag("tls_first"));
    }

    /** The contexts directory: {@code $XDG_CONFIG_HOME/nats/context}, else {@code $HOME/.config/nats/context}. */
    public static Path directory(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(PathExpansion.home(environment), ".config");
        return config.resolve("nats").resolve("context");
    }

    private static Path file(String name, Map<String, String> environment) {
        if (name.endsWith(".json") && Files.isRegularFile(Path.of(name))) {
            return Path.of(name);
        }
        // the CLI's rule for names: no path separators or dots that could leave the directory
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new NatsAccessException("'" + name + "' is not a NATS context name (a word like 'kid') nor a "
                    + "context .json file", null);
        }
        return directory(environment).resolve(name + ".json");
    }

    /** A context given as a file is named by the file, as the CLI does: {@code /x/kid.json} is 'kid'. */
    private static String shortName(String name, Path file) {
        String fileName = file.getFileName().toString();
        return name.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : name;
    }

    private static String known(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length())).sorted().toList();
            return names.isEmpty() ? " and no context at all there" : " (known: " + String.join(", ", names) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads typed fields, with the context named in every error. */
    private record Fields(String name, Path file, JsonNode json, PathExpansion paths) {

        String text(String field) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw new NatsAccessException("NATS context '" + name + "' (" + file + "): " + field
                        + " must be a string, was " + node, null);
            }
            return node.textValue().isEmpty() ? null : node.textValue();
        }

        String path(String field) {
            String value = text(field);
            return value == null ? null : paths.expand(field, value, name);
        }

        boolean flag(String field) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                return false;
            }
            if (!node.isBoolean()) {
                throw new NatsAccessException("NATS context '" + name + "' (" + file + "): " + field
                        + " must be true or false, was " + node, null);
            }
            return node.booleanValue();
        }
    }
}

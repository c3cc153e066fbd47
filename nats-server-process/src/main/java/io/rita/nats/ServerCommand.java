package io.rita.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line, and where needed the config file, of one start of a server. Settings that
 * have flags go on the command line; the rest ({@code max_payload}, the {@code cluster} block,
 * the caller's extra configuration) go into a config file in the store directory, rewritten on
 * every start and readable by its owner only, since the extra configuration may hold passwords.
 */
final class ServerCommand {

    static final String CONFIG_FILE = "nats-server.conf";

    private final Path binary;
    private final NatsServerOptions options;
    private final int port;
    private final int routePort;

    /**
     * @param port      the client port, {@code 0} for any free one
     * @param routePort the route port, {@code 0} for any free one (used only when clustered)
     */
    ServerCommand(Path binary, NatsServerOptions options, int port, int routePort) {
        this.binary = binary;
        this.options = options;
        this.port = port;
        this.routePort = routePort;
    }

    List<String> arguments() {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (options.jetStream()) {
            command.add("-js");
        }
        command.addAll(List.of("-a", options.host(),
                // -1 is nats-server's "any free port"; the chosen one is read from its log
                "-p", port == 0 ? "-1" : Integer.toString(port),
                "-sd", options.storeDir().toAbsolutePath().toString()));
        if (options.serverName() != null) {
            command.addAll(List.of("-n", options.serverName()));
        }
        if (needsConfigFile()) {
            command.addAll(List.of("-c", configFile().toAbsolutePath().toString()));
        }
        return command;
    }

    /** Writes the config file when this start needs one. */
    void writeConfig() throws IOException {
        if (needsConfigFile()) {
            Path file = configFile();
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, configText());
        }
    }

    @Override
    public String toString() {
        return String.join(" ", arguments());
    }

    private boolean needsConfigFile() {
        return options.maxPayload() > 0 || options.cluster() != null || !options.config().isBlank();
    }

    private Path configFile() {
        return options.storeDir().resolve(CONFIG_FILE);
    }

    private String configText() {
        StringBuilder text = new StringBuilder("# written by Rita's NatsServerProcess on every start\n");
        if (options.maxPayload() > 0) {
            // max_payload has no command-line flag
            text.append("max_payload: ").append(options.maxPayload()).append('\n');
        }
        NatsClusterOptions cluster = options.cluster();
        if (cluster != null) {
            // routes are dialled again and again until they answer, so a member that is down
            // (or not started yet) only delays the mesh; -1 is "any free port", read from the log
            text.append("cluster {\n")
                    .append("  name: \"").append(cluster.name()).append("\"\n")
                    .append("  listen: \"").append(hostForListen()).append(':')
                    .append(routePort == 0 ? -1 : routePort).append("\"\n")
                    .append("  routes: [\n");
            for (String route : cluster.routes()) {
                text.append("    \"nats-route://").append(route).append("\"\n");
            }
            text.append("  ]\n}\n");
        }
        if (!options.config().isBlank()) {
            text.append(options.config()).append('\n');
        }
        return text.toString();
    }

    private String hostForListen() {
        String host = options.host();
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}

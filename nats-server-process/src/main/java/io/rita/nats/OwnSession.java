package io.rita.nats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child in a session (and process group) of its own, through util-linux's
 * {@code setsid} where there is one.
 *
 * <p>Why: a terminal sends Ctrl-C (SIGINT) to its whole foreground process group. A nats-server
 * in the JVM's group would stop at the same moment as the JVM begins its graceful shutdown, so
 * replies still in flight would have no server to travel through. In a session of its own it
 * stops only when its owner tells it to, after the replies are out.
 *
 * <p>{@code setsid} execs the command in place (same pid) when it is not a process group
 * leader, which a child started by the JVM never is; so {@link Process#pid()}, {@code destroy()}
 * and the exit code are the server's own. Without {@code setsid} (not Linux, or a minimal
 * image) the command runs as it is, in the JVM's group.
 */
final class OwnSession {

    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private OwnSession() {
    }

    /** {@code command} prefixed with {@code setsid} when available, else {@code command} itself. */
    static List<String> wrap(List<String> command) {
        for (Path setsid : SETSID) {
            if (Files.isRegularFile(setsid) && Files.isExecutable(setsid)) {
                List<String> wrapped = new ArrayList<>(command.size() + 1);
                wrapped.add(setsid.toString());
                wrapped.addAll(command);
                return wrapped;
            }
        }
        return command;
    }
}

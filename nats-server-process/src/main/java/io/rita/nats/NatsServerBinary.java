package io.rita.nats;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@code nats-server} executable: the path in {@code NATS_SERVER_PATH} if set, else the
 * first {@code nats-server} on {@code PATH}, else {@code /usr/sbin/nats-server} (where Debian's
 * package puts it, and which is not on a normal user's {@code PATH}).
 *
 * <pre>{@code
 * Path binary = NatsServerBinary.locate();
 * }</pre>
 *
 * <p>The environment and the fallback paths can be passed in, so the lookup itself is testable.
 *
 * @see NatsServerNotFoundException
 */
public final class NatsServerBinary {

    /** The environment variable that names the executable explicitly. */
    public static final String ENVIRONMENT_VARIABLE = "NATS_SERVER_PATH";

    /** Places checked after {@code PATH}. */
    public static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/sbin/nats-server"));

    private static final String EXECUTABLE = "nats-server";

    private NatsServerBinary() {
    }

    /**
     * Finds the executable using this process's environment.
     *
     * @throws NatsServerNotFoundException when there is none, with the install hint
     */
    public static Path locate() {
        return locate(System.getenv(), WELL_KNOWN);
    }

    /**
     * Finds the executable using the given environment and fallback paths.
     *
     * <p>An explicit {@code NATS_SERVER_PATH} that does not name an executable file is an error,
     * not a reason to look elsewhere: silently starting another server than the one asked for
     * would hide a broken setup.
     *
     * @throws NatsServerNotFoundException when there is none, with the install hint
     */
    public static Path locate(Map<String, String> environment, List<Path> wellKnown) {
        String explicit = environment.get(ENVIRONMENT_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            Path path = toPath(explicit.strip());
            if (path == null || !isExecutable(path)) {
                throw new NatsServerNotFoundException(ENVIRONMENT_VARIABLE + "=" + explicit
                        + " is not an executable file", path == null ? List.of() : List.of(path));
            }
            return path;
        }
        List<Path> searched = new ArrayList<>();
        for (String directory : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path dir = directory.isBlank() ? null : toPath(directory);
            if (dir != null) {
                Path candidate = dir.resolve(EXECUTABLE);
                searched.add(candidate);
                if (isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        for (Path candidate : wellKnown) {
            searched.add(candidate);
            if (isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new NatsServerNotFoundException("nats-server not found on PATH or in " + wellKnown, searched);
    }

    /**
     * Checks an explicitly given executable.
     *
     * @throws NatsServerNotFoundException when it is not an executable file
     */
    public static Path require(Path binary) {
        if (!isExecutable(binary)) {
            throw new NatsServerNotFoundException(binary + " is not an executable file", List.of(binary));
        }
        return binary;
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    private static Path toPath(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}

package io.rita.nats;

import java.nio.file.Path;
import java.util.List;

/**
 * No usable {@code nats-server} executable was found. The message lists where it was looked for
 * and how to install it.
 */
public class NatsServerNotFoundException extends RuntimeException {

    /** What to do about it; part of every message. */
    public static final String INSTALL_HINT = "install it with `apt-get install -y nats-server` (Debian/Ubuntu)"
            + " or set " + NatsServerBinary.ENVIRONMENT_VARIABLE + " to the nats-server executable";

    private final List<Path> searched;

    /** What is wrong ({@code problem}) and the paths that were checked; the install hint is added. */
    public NatsServerNotFoundException(String problem, List<Path> searched) {
        super(problem + "; looked at " + searched + "; " + INSTALL_HINT);
        this.searched = List.copyOf(searched);
    }

    /** The paths that were checked, in order. */
    public List<Path> searched() {
        return searched;
    }
}

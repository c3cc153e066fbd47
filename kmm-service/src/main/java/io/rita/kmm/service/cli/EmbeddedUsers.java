package io.rita.kmm.service.cli;

import io.rita.kmm.service.Family;

import java.nio.file.Path;

/** The checks of {@code kmm serve --nats.users}, apart from the command, which others extend too. */
final class EmbeddedUsers {

    private EmbeddedUsers() {
    }

    /**
     * The family to let into the embedded server, or {@code null} for none.
     *
     * @throws IllegalArgumentException when the flags do not go together, or the file is not a users file
     */
    static Family family(boolean embed, Path users, ConnectionOptions nats) {
        if (embed && nats.namesCredentials()) {
            throw new IllegalArgumentException("--nats.embed starts a nats-server of its own, which needs no "
                    + "--nats.creds or --nats.context; to serve on another nats-server, drop --nats.embed");
        }
        if (users == null) {
            return null;
        }
        if (users.toString().isBlank()) {
            throw new IllegalArgumentException("--nats.users needs a file name, was empty");
        }
        if (!embed) {
            throw new IllegalArgumentException("--nats.users gives users to the embedded nats-server (--nats.embed); "
                    + "a nats-server of your own has them in its configuration (see docs/kmm.md)");
        }
        return Family.read(users);
    }
}

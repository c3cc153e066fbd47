package io.rita.kmm.service.connect;

import io.nats.client.NKey;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading and checking credential files: sizes, missing files and seeds, each with a clear message. */
final class CredentialFiles {

    private CredentialFiles() {
    }

    static byte[] read(Path file, String what) {
        try {
            if (Files.isDirectory(file)) {
                throw new NatsAccessException("the " + what + " " + file + " is a directory, not a file", null);
            }
            if (Files.size(file) > 64 * 1024) {
                throw new NatsAccessException("the " + what + " " + file + " is over 64 KiB: not a " + what, null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NatsAccessException("the " + what + " " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new NatsAccessException("cannot read the " + what + " " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new NatsAccessException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The user seed in a file's text (alone, or in a creds file's seed block); checked to decode. */
    static char[] userSeed(String text, Path file) {
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.startsWith("SU")) {
                try {
                    NKey key = NKey.fromSeed(line.toCharArray());
                    if (key.getType() == NKey.Type.USER) {
                        return line.toCharArray();
                    }
                } catch (Exception e) {
                    throw new NatsAccessException(file + " holds a damaged user NKey seed: " + e.getMessage(), e);
                }
            }
        }
        throw new NatsAccessException(file + " holds no user NKey seed (a line starting with SU)", null);
    }
}

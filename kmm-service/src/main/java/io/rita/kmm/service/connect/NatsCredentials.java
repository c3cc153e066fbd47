package io.rita.kmm.service.connect;

import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who connects: one of the ways a NATS server authenticates a user. Files are read, and their
 * contents checked, when the credentials are {@linkplain #applyTo applied}, so that a missing or
 * malformed file is reported as such before anything is sent.
 *
 * <pre>{@code
 * NatsCredentials creds = new NatsCredentials.CredsFile(Path.of("susie.creds"));
 * creds.applyTo(new Options.Builder().server(url));
 * }</pre>
 *
 * @see NatsAccessException thrown by {@link #applyTo} when a file is missing, unreadable or malformed
 */
public sealed interface NatsCredentials {

    /** Sets these credentials on a jnats options builder. */
    void applyTo(Options.Builder options);

    /** A short description for messages, never the secret itself: {@code user 'mum'}. */
    String describe();

    /** No credentials (the server may still take a user or token from the URL). */
    record None() implements NatsCredentials {
        @Override
        public void applyTo(Options.Builder options) {
        }

        @Override
        public String describe() {
            return "no credentials";
        }
    }

    /** A user name and password. */
    record UserPassword(String user, String password) implements NatsCredentials {
        /** Checks that both are there. */
        public UserPassword {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public void applyTo(Options.Builder options) {
            options.userInfo(user, password);
        }

        @Override
        public String describe() {
            return "user '" + user + "'";
        }

        @Override
        public String toString() {
            return "UserPassword[user=" + user + ", password=***]";
        }
    }

    /** An authentication token. */
    record Token(String token) implements NatsCredentials {
        /** Checks that it is there. */
        public Token {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public void applyTo(Options.Builder options) {
            options.token(token.toCharArray());
        }

        @Override
        public String describe() {
            return "a token";
        }

        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    /** A credentials file ({@code .creds}): a user JWT and the user's NKey seed, as nsc writes it. */
    record CredsFile(Path file) implements NatsCredentials {
        @Override
        public void applyTo(Options.Builder options) {
            byte[] bytes = CredentialFiles.read(file, "credentials file");
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.contains("BEGIN NATS USER JWT") || !text.contains("USER NKEY SEED")) {
                throw new NatsAccessException(file + " is not a NATS credentials file: expected a user JWT and an "
                        + "NKey seed, as `nsc generate creds` or `nats auth user credential` write them", null);
            }
            CredentialFiles.userSeed(text, file);
            options.authHandler(Nats.staticCredentials(bytes));
        }

        @Override
        public String describe() {
            return "credentials file " + file;
        }
    }

    /** A file holding a user NKey seed ({@code SU...}), for servers that list the user's public NKey. */
    record NKeySeedFile(Path file) implements NatsCredentials {
        @Override
        public void applyTo(Options.Builder options) {
            String text = new String(CredentialFiles.read(file, "NKey seed file"), StandardCharsets.UTF_8);
            char[] seed = CredentialFiles.userSeed(text, file);
            options.authHandler(Nats.staticCredentials(null, seed));
        }

        @Override
        public String describe() {
            return "NKey seed file " + file;
        }
    }

    /** A user JWT with its NKey seed, given as text. */
    record UserJwt(String jwt, String seed) implements NatsCredentials {
        @Override
        public void applyTo(Options.Builder options) {
            if (jwt == null || seed == null) {
                throw new NatsAccessException("user_jwt and user_seed go together: set both, or use a creds file", null);
            }
            try {
                NKey.fromSeed(seed.toCharArray()).getPublicKey();
            } catch (Exception e) {
                throw new NatsAccessException("user_seed is not a valid NKey seed", e);
            }
            options.authHandler(Nats.staticCredentials(jwt.toCharArray(), seed.toCharArray()));
        }

        @Override
        public String describe() {
            return "a user JWT";
        }

        @Override
        public String toString() {
            return "UserJwt[***]";
        }
    }
}

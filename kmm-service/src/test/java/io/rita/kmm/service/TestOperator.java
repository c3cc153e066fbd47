package io.rita.kmm.service;

import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NATS operator mode made in the test, as {@code nsc} would: an operator, a system account, and
 * accounts with JetStream, signed with jnats' NKey and JWT support; users get {@code .creds}
 * files. {@link #serverConfig()} is the nats-server configuration that trusts them (memory
 * resolver, accounts preloaded).
 *
 * <pre>{@code
 * TestOperator operator = new TestOperator();
 * TestOperator.Account kmm = operator.account("KMM");
 * Path creds = kmm.user("kmm-serve", dir);
 * NatsServerOptions.inDirectory(store).withConfig(operator.serverConfig());
 * }</pre>
 */
final class TestOperator {

    private static final String LIMITS = "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,"
            + "\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,\"mem_storage\":-1,\"disk_storage\":-1,"
            + "\"streams\":-1,\"consumer\":-1,\"max_ack_pending\":-1,\"mem_max_stream_bytes\":-1,"
            + "\"disk_max_stream_bytes\":-1,\"max_bytes_required\":false}";

    private final NKey operator;
    private final Account system;
    private final Map<String, Account> accounts = new LinkedHashMap<>();

    TestOperator() {
        try {
            operator = NKey.createOperator(null);
            system = new Account("SYS", NKey.createAccount(null));
            system.jetStream = false; // nats-server refuses JetStream on the system account
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new account with JetStream, trusted by the server; its claims may carry exports and imports. */
    Account account(String name, String exportsAndImports) {
        try {
            Account account = new Account(name, NKey.createAccount(null));
            account.claims = exportsAndImports;
            accounts.put(name, account);
            return account;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The nats-server configuration for operator mode with these accounts. */
    String serverConfig() {
        StringBuilder config = new StringBuilder();
        String operatorId = id(operator);
        config.append("operator: \"").append(jwt(operator, operatorId, "test-operator",
                "{\"type\":\"operator\",\"version\":2,\"system_account\":\"" + system.id() + "\"}")).append("\"\n");
        config.append("system_account: \"").append(system.id()).append("\"\n");
        config.append("resolver: MEMORY\nresolver_preload: {\n");
        config.append("  ").append(system.id()).append(": \"").append(system.jwt()).append("\"\n");
        for (Account account : accounts.values()) {
            config.append("  ").append(account.id()).append(": \"").append(account.jwt()).append("\"\n");
        }
        return config.append("}\n").toString();
    }

    private String jwt(NKey signer, String subject, String name, String claims) {
        try {
            JsonSerializable nats = () -> claims;
            return JwtUtils.issueJWT(signer, subject, name, Duration.ZERO, JwtUtils.currentTimeSeconds(),
                    id(operator), nats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(NKey key) {
        try {
            return new String(key.getPublicKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An account of this operator. */
    final class Account {
        private final String name;
        private final NKey key;
        private String claims = "";
        private boolean jetStream = true;

        private Account(String name, NKey key) {
            this.name = name;
            this.key = key;
        }

        /** The account's public key, {@code A...}. */
        String id() {
            return TestOperator.id(key);
        }

        String jwt() {
            String more = claims.isEmpty() ? "" : "," + claims;
            String limits = jetStream ? LIMITS : LIMITS.replaceAll("\"(mem_storage|disk_storage|streams|consumer)\":-1",
                    "\"$1\":0");
            return TestOperator.this.jwt(operator, id(), name, "{\"type\":\"account\",\"version\":2," + limits
                    + more + "}");
        }

        /** A user of this account with every permission: its {@code <name>.creds} file in {@code dir}. */
        Path user(String userName, Path dir) {
            try {
                NKey user = NKey.createUser(null);
                String jwt = JwtUtils.issueUserJWT(key, id(), new String(user.getPublicKey()), userName);
                Path file = dir.resolve(userName + ".creds");
                Files.writeString(file, String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(user.getSeed())));
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

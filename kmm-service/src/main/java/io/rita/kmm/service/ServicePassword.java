package io.rita.kmm.service;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A fresh random password for the service's own user on an embedded nats-server with a family:
 * 192 bits, URL-safe Base64 (no quote or backslash, so it fits a config string as it is).
 */
final class ServicePassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServicePassword() {
    }

    static String next() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.rita.kmm.service.connect;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * TLS as a nats context describes it, with PEM files: the certificate authority the server's
 * certificate must verify against, and the client's certificate and key for servers that
 * verify clients. Keys may be PKCS#8, PKCS#1 (RSA) or SEC1 (EC), unencrypted.
 *
 * <pre>{@code
 * NatsTls tls = new NatsTls(Path.of("ca.pem"), Path.of("client.pem"), Path.of("client-key.pem"), false);
 * options.sslContext(tls.sslContext());
 * }</pre>
 *
 * @param ca    the CA file, or {@code null} for the JVM's default trust store
 * @param cert  the client certificate (chain), or {@code null}
 * @param key   the client key, or {@code null}
 * @param first whether the TLS handshake comes before the server's greeting (nats-server 2.10.4+)
 * @see NatsAccessException thrown by {@link #sslContext()} when a file is missing or not what it should be
 */
public record NatsTls(Path ca, Path cert, Path key, boolean first) {

    /** No TLS files: TLS only if the URL says {@code tls://}, verified against the JVM's trust store. */
    public static final NatsTls NONE = new NatsTls(null, null, null, false);

    /** Whether any TLS setting is made. */
    public boolean isSet() {
        return ca != null || cert != null || key != null || first;
    }

    /**
     * The SSL context for these files.
     *
     * @throws NatsAccessException when a file is missing, holds no certificate or key, or only
     *                             one of cert and key is given
     */
    public SSLContext sslContext() {
        if ((cert == null) != (key == null)) {
            throw new NatsAccessException("a client certificate needs both cert and key; only "
                    + (cert != null ? "cert" : "key") + " is set", null);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new NatsAccessException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException {
        if (ca == null) {
            return null; // the JVM's default trust store
        }
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate certificate : certificates(ca, "CA file")) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private KeyManager[] keyManagers() throws GeneralSecurityException {
        if (cert == null) {
            return null;
        }
        KeyStore store = emptyStore();
        Certificate[] chain = certificates(cert, "client certificate file").toArray(Certificate[]::new);
        store.setKeyEntry("client", privateKey(), new char[0], chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static Collection<? extends Certificate> certificates(Path file, String what) {
        byte[] bytes = CredentialFiles.read(file, what);
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new NatsAccessException("the " + what + " " + file + " holds no PEM certificate (-----BEGIN "
                    + "CERTIFICATE-----): " + e.getMessage(), e);
        }
    }

    private PrivateKey privateKey() {
        String text = new String(CredentialFiles.read(key, "client key file"), StandardCharsets.UTF_8);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item.getClass().getSimpleName().contains("Encrypted")) {
                    throw new NatsAccessException("the client key file " + key + " is encrypted; kmm needs it "
                            + "unencrypted (e.g. `openssl pkey -in key.pem -out plain.pem`), readable by you only", null);
                }
            }
        } catch (IOException e) {
            throw new NatsAccessException("the client key file " + key + " is not a PEM key: " + e.getMessage(), e);
        }
        throw new NatsAccessException("the client key file " + key + " holds no private key (-----BEGIN PRIVATE "
                + "KEY-----)", null);
    }
}

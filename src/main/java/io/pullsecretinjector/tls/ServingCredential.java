package io.pullsecretinjector.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509ExtendedKeyManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * One loaded serving certificate: the key manager the TLS engine asks during a handshake, and what an operator needs to
 * recognise it (subject, expiry, SHA-256 fingerprint of the leaf certificate, never anything about the key).
 *
 * @param generation   increases with every certificate installed; part of the aliases handed to the TLS engine
 * @param keyManager   a JDK key manager holding exactly this certificate chain and key
 * @param keyStore     the same chain and key as a KeyStore (the TLS registry exposes it to Quarkus)
 * @param subject      the leaf certificate's subject
 * @param notAfter     the leaf certificate's expiry
 * @param fingerprint  SHA-256 of the leaf certificate (DER), as {@code openssl x509 -fingerprint -sha256} prints it
 * @param filesDigest  SHA-256 over both files' bytes: tells whether the files changed since this was loaded
 * @param leaf         the leaf certificate itself (public; readiness checks what it chains to)
 */
record ServingCredential(long generation, X509ExtendedKeyManager keyManager, KeyStore keyStore, String subject,
                         Instant notAfter, String fingerprint, String filesDigest, X509Certificate leaf) {

    /**
     * Parses a PEM certificate chain and its PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC) with Vert.x's PEM reader,
     * the same one the TLS registry uses, and checks that the key belongs to the certificate: a pair caught half-way
     * through a rotation would otherwise fail every handshake.
     */
    static ServingCredential load(long generation, ServingFiles.Contents files) {
        KeyStore keyStore;
        X509ExtendedKeyManager keyManager;
        try {
            PemKeyCertOptions pem = new PemKeyCertOptions()
                    .addCertValue(Buffer.buffer(files.certificate()))
                    .addKeyValue(Buffer.buffer(files.key()));
            // With values (not paths) Vert.x reads nothing from disk and needs no Vertx instance.
            keyStore = pem.loadKeyStore(null);
            KeyManager[] managers = pem.getKeyManagerFactory(null).getKeyManagers();
            keyManager = (X509ExtendedKeyManager) managers[0];
        } catch (Exception e) {
            throw new InvalidServingCertificateException("cannot read the certificate and key: " + describe(e), e);
        }
        try {
            List<String> aliases = Collections.list(keyStore.aliases());
            if (aliases.size() != 1) {
                throw new InvalidServingCertificateException("expected one certificate and one key, found "
                        + aliases.size() + " pairs");
            }
            String alias = aliases.get(0);
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                throw new InvalidServingCertificateException("the certificate file holds no X.509 certificate");
            }
            PrivateKey key = keyManager.getPrivateKey(alias);
            requireMatchingKey(leaf, key);
            return new ServingCredential(generation, keyManager, keyStore,
                    leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant(), fingerprint(leaf),
                    files.digest(), leaf);
        } catch (GeneralSecurityException e) {
            throw new InvalidServingCertificateException("cannot read the certificate and key: " + describe(e), e);
        }
    }

    /** The private key, for signing handshakes ({@link HandshakeSigner}); never logged, never part of toString. */
    PrivateKey privateKey() {
        String alias = keyManager.getServerAliases(leaf.getPublicKey().getAlgorithm(), null)[0];
        return keyManager.getPrivateKey(alias);
    }

    private static void requireMatchingKey(X509Certificate leaf, PrivateKey key) throws GeneralSecurityException {
        if (CertificateChecks.keyMatch(leaf, key) == CertificateChecks.KeyMatch.DIFFERS) {
            throw new InvalidServingCertificateException("the private key does not belong to the certificate");
        }
    }

    private static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return CertificateChecks.fingerprint(certificate);
    }

    private static String describe(Exception e) {
        // The messages of the PEM and key parsers name formats and lengths, never key material.
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

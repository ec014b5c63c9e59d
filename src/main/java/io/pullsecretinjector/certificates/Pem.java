package io.pullsecretinjector.certificates;

import io.pullsecretinjector.tls.CertificateChecks;
import io.pullsecretinjector.x509.PemCodec;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * PEM reading and writing ({@link PemCodec}) and the descriptions of certificates the managed certificates log.
 * Whatever goes wrong, the answer is empty or a fixed sentence: parser messages are never passed on, so no byte of a
 * Secret reaches a log line or an Event.
 */
final class Pem {

    private Pem() {
    }

    static String encode(X509Certificate certificate) {
        return PemCodec.encode(certificate);
    }

    static String encode(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        certificates.forEach(certificate -> text.append(PemCodec.encode(certificate)));
        return text.toString();
    }

    static String encode(PrivateKey key) {
        return PemCodec.encode(key);
    }

    /** Every certificate in {@code pem}, in order; empty if there is none or anything in it is not a certificate. */
    static Optional<List<X509Certificate>> certificates(String pem) {
        return PemCodec.certificates(pem);
    }

    /** The one private key in {@code pem} (PKCS#8, or SEC1/PKCS#1 key pairs). */
    static Optional<PrivateKey> privateKey(String pem) {
        return PemCodec.privateKey(pem);
    }

    /** Whether the key signs what the certificate verifies; a key type that cannot be checked does not match. */
    static boolean keyMatches(X509Certificate certificate, PrivateKey key) {
        try {
            return CertificateChecks.keyMatch(certificate, key) == CertificateChecks.KeyMatch.MATCHES;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** SHA-256 of the certificate (DER), as {@code openssl x509 -fingerprint -sha256} prints it. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return CertificateChecks.fingerprint(certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Subject, expiry and fingerprint: what an operator needs to recognise a certificate. */
    static String describe(X509Certificate certificate) {
        return "subject " + certificate.getSubjectX500Principal().getName() + ", expires "
                + certificate.getNotAfter().toInstant() + ", SHA-256 " + fingerprint(certificate);
    }
}

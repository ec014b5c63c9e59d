package io.pullsecretinjector.certificates;

import io.pullsecretinjector.tls.CertificateChecks;
import io.pullsecretinjector.x509.PemCodec;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * What the managed certificates decide on and log about a certificate: whether a key belongs to it, its fingerprint,
 * a one-line description. Whatever goes wrong, the answer is a fixed one: exception messages are never passed on, so
 * no byte of a Secret reaches a log line or an Event (PEM itself is read by {@link PemCodec}, which answers empty).
 */
final class CertificateFacts {

    private CertificateFacts() {
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

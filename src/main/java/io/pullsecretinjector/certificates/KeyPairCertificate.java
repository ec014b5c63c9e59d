package io.pullsecretinjector.certificates;

import io.pullsecretinjector.x509.PemCodec;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate and its private key, issued or read back from a Secret. {@link #toString()} shows the certificate's
 * subject and expiry only: this value must be safe to log by accident.
 */
public record KeyPairCertificate(X509Certificate certificate, PrivateKey key) {

    public String certificatePem() {
        return PemCodec.encode(certificate);
    }

    /** PKCS#8 PEM ({@code PRIVATE KEY}), which both {@link PemCodec} and the Vert.x PEM reader read. */
    public String keyPem() {
        return PemCodec.encode(key);
    }

    @Override
    public String toString() {
        return CertificateFacts.describe(certificate);
    }
}

package io.pullsecretinjector.tls;

import io.pullsecretinjector.x509.CertificateBuilder;
import io.pullsecretinjector.x509.EcKeys;
import io.pullsecretinjector.x509.PemCodec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.security.auth.x500.X500Principal;

/**
 * In {@code injector.tls.mode=managed} the HTTPS server starts before the serving Secret has been read from the API,
 * and it cannot start without a key pair. It gets this one: self-signed, made in memory, trusted by nobody, so no
 * client can complete a handshake with it. The replica is not ready while it serves it (certificates readiness check).
 */
final class StandInCertificate {

    static final String SUBJECT = "CN=pull-secret-injector stand-in (no certificate read yet)";

    private StandInCertificate() {
    }

    static ServingFiles.Contents create() {
        try {
            KeyPair pair = EcKeys.newP256();
            Instant now = Instant.now();
            X509Certificate certificate = new CertificateBuilder(new X500Principal(SUBJECT), pair.getPublic(),
                    CertificateBuilder.randomSerialNumber(new SecureRandom()), now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(1))).sign(pair.getPrivate());
            // PKCS#8, which the Vert.x PEM reader takes for EC keys.
            return ServingFiles.contents(ascii(PemCodec.encode(certificate)),
                    ascii(PemCodec.encode(pair.getPrivate())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the stand-in certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] ascii(String pem) {
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.pullsecretinjector.certificates;

import io.pullsecretinjector.tls.CertificateChecks;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PEM reading and writing with BouncyCastle. Whatever goes wrong, the answer is empty or a fixed sentence: parser
 * messages are never passed on, so no byte of a Secret reaches a log line or an Event.
 */
final class Pem {

    private Pem() {
    }

    static String encode(X509Certificate certificate) {
        return write(certificate);
    }

    static String encode(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        certificates.forEach(certificate -> text.append(write(certificate)));
        return text.toString();
    }

    static String encode(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encode a private key as PKCS#8", e);
        }
    }

    /** Every certificate in {@code pem}, in order; empty if there is none or anything in it is not a certificate. */
    static Optional<List<X509Certificate>> certificates(String pem) {
        if (pem == null) {
            return Optional.empty();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    return Optional.empty();
                }
                certificates.add(converter.getCertificate(holder));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
        return certificates.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(certificates));
    }

    /** The one private key in {@code pem} (PKCS#8, or SEC1/PKCS#1 key pairs). */
    static Optional<PrivateKey> privateKey(String pem) {
        if (pem == null) {
            return Optional.empty();
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return Optional.of(converter.getPrivateKey(info));
            }
            if (object instanceof PEMKeyPair pair) {
                return Optional.of(converter.getKeyPair(pair).getPrivate());
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return text.toString();
    }
}

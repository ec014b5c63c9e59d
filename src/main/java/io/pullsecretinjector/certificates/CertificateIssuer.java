package io.pullsecretinjector.certificates;

import io.pullsecretinjector.x509.CertificateBuilder;
import io.pullsecretinjector.x509.CertificateBuilder.KeyUsage;
import io.pullsecretinjector.x509.EcKeys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Issues the CA and the serving certificate ({@link CertificateBuilder}, JDK only): ECDSA P-256 keys ({@link EcKeys},
 * handshakes far cheaper than RSA), SHA-256 signatures, random 127-bit serial numbers, lifetimes from
 * {@link Lifetimes}. No I/O; the time is passed in.
 */
public final class CertificateIssuer {

    /** GeneralName tag of a DNS name (RFC 5280 §4.2.1.6) in {@link X509Certificate#getSubjectAlternativeNames}. */
    private static final int DNS_NAME = 2;
    private final SecureRandom random = new SecureRandom();

    /**
     * A self-signed CA that may sign end-entity certificates only (path length 0). Its subject names the moment of
     * issue, so an old and a new CA side by side in a bundle are told apart by people and by chain building alike.
     */
    public KeyPairCertificate issueCa(Instant now) {
        KeyPair keys = EcKeys.newP256();
        // RFC 2253 order (most specific first): encoded as O, then CN
        X500Principal subject = new X500Principal("CN=pull-secret-injector CA " + now.truncatedTo(ChronoUnit.SECONDS)
                + ",O=pull-secret-injector");
        try {
            X509Certificate certificate = new CertificateBuilder(subject, keys.getPublic(),
                    CertificateBuilder.randomSerialNumber(random),
                    now.minus(Lifetimes.BACKDATE), now.plus(Lifetimes.CA_VALIDITY))
                    .certificateAuthority(0)
                    .keyUsage(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN)
                    .subjectKeyIdentifier()
                    .sign(keys.getPrivate());
            return new KeyPairCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a CA certificate", e);
        }
    }

    /**
     * A server certificate for {@code dnsNames} signed by {@code ca}. It never outlives its CA: a chain whose CA
     * expires first stops working at the CA's expiry anyway, and renewal is planned from the leaf's own dates.
     */
    public KeyPairCertificate issueServing(KeyPairCertificate ca, List<String> dnsNames, Instant now) {
        KeyPair keys = EcKeys.newP256();
        Instant notAfter = now.plus(Lifetimes.SERVING_VALIDITY);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (caNotAfter.isBefore(notAfter)) {
            notAfter = caNotAfter;
        }
        X500Principal subject = new X500Principal("CN=" + dnsNames.get(Math.min(2, dnsNames.size() - 1))
                + ",O=pull-secret-injector");
        try {
            X509Certificate certificate = new CertificateBuilder(subject, keys.getPublic(),
                    CertificateBuilder.randomSerialNumber(random),
                    now.minus(Lifetimes.BACKDATE), notAfter)
                    .issuer(ca.certificate().getSubjectX500Principal())
                    .endEntity()
                    .keyUsage(KeyUsage.DIGITAL_SIGNATURE)
                    .serverAuth()
                    .dnsNames(dnsNames)
                    .subjectKeyIdentifier()
                    .authorityKeyIdentifier(ca.certificate().getPublicKey())
                    .sign(ca.key());
            return new KeyPairCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a serving certificate", e);
        }
    }

    /** Whether {@code ca} issued {@code certificate}: names match and the signature verifies with its key. */
    public static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The DNS names in the certificate's subjectAltName, in order. */
    public static List<String> dnsNames(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream().filter(name -> Integer.valueOf(DNS_NAME).equals(name.get(0)))
                    .map(name -> String.valueOf(name.get(1))).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            return List.of();
        }
    }
}

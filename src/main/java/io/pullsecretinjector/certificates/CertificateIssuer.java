package io.pullsecretinjector.certificates;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Issues the CA and the serving certificate with BouncyCastle: ECDSA P-256 keys (handshakes far cheaper than RSA),
 * SHA-256 signatures, random 127-bit serial numbers, lifetimes from {@link Lifetimes}. No I/O; the time is passed in.
 */
public final class CertificateIssuer {

    private static final String SIGNATURE = "SHA256withECDSA";
    private final SecureRandom random = new SecureRandom();

    /**
     * A self-signed CA that may sign end-entity certificates only (path length 0). Its subject names the moment of
     * issue, so an old and a new CA side by side in a bundle are told apart by people and by chain building alike.
     */
    public KeyPairCertificate issueCa(Instant now) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500Name("O=pull-secret-injector,CN=pull-secret-injector CA "
                + now.truncatedTo(ChronoUnit.SECONDS));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Lifetimes.BACKDATE)), Date.from(now.plus(Lifetimes.CA_VALIDITY)), subject,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new KeyPairCertificate(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a CA certificate", e);
        }
    }

    /**
     * A server certificate for {@code dnsNames} signed by {@code ca}. It never outlives its CA: a chain whose CA
     * expires first stops working at the CA's expiry anyway, and renewal is planned from the leaf's own dates.
     */
    public KeyPairCertificate issueServing(KeyPairCertificate ca, List<String> dnsNames, Instant now) {
        KeyPair keys = newKeyPair();
        Instant notAfter = now.plus(Lifetimes.SERVING_VALIDITY);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (caNotAfter.isBefore(notAfter)) {
            notAfter = caNotAfter;
        }
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X500Name subject = new X500Name("O=pull-secret-injector,CN=" + dnsNames.get(Math.min(2, dnsNames.size() - 1)));
        GeneralNames names = new GeneralNames(dnsNames.stream().map(name -> new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(now.minus(Lifetimes.BACKDATE)), Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, names)
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate()));
            return new KeyPairCertificate(sign(builder, ca.key()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
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
            return names.stream().filter(name -> Integer.valueOf(GeneralName.dNSName).equals(name.get(0)))
                    .map(name -> String.valueOf(name.get(1))).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            return List.of();
        }
    }

    private BigInteger serial() {
        // Positive and non-zero, as RFC 5280 requires; 127 random bits make collisions and guessing moot.
        return new BigInteger(127, random).setBit(0);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is always available", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}

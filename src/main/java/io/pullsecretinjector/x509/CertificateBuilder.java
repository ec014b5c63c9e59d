package io.pullsecretinjector.x509;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * An X.509 v3 certificate (RFC 5280) with the extensions a CA and a TLS server certificate need, signed with the
 * JDK's {@link Signature} and parsed back by the JDK's {@link CertificateFactory}, so what it returns is a
 * certificate the JDK itself accepts. Names are encoded by {@link X500Principal}.
 */
public final class CertificateBuilder {

    /** RFC 5280 §4.2.1.3 key usage bits used here. */
    public enum KeyUsage {
        DIGITAL_SIGNATURE(0), KEY_CERT_SIGN(5), CRL_SIGN(6);

        private final int bit;

        KeyUsage(int bit) {
            this.bit = bit;
        }
    }

    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DNS_NAME = 2;

    private final X500Principal subject;
    private final PublicKey publicKey;
    private final BigInteger serial;
    private final Instant notBefore;
    private final Instant notAfter;
    private X500Principal issuer;
    private final List<byte[]> extensions = new ArrayList<>();

    /** A serial number as RFC 5280 wants it (positive, non-zero); 127 random bits make collisions and guessing moot. */
    public static BigInteger randomSerialNumber(SecureRandom random) {
        return new BigInteger(127, random).setBit(0);
    }

    public CertificateBuilder(X500Principal subject, PublicKey publicKey, BigInteger serial, Instant notBefore,
            Instant notAfter) {
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("RFC 5280: the serial number is a positive integer");
        }
        this.subject = subject;
        this.issuer = subject;
        this.publicKey = publicKey;
        this.serial = serial;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /** The issuer's name; without it the certificate is self-issued. */
    public CertificateBuilder issuer(X500Principal name) {
        this.issuer = name;
        return this;
    }

    /** A CA that may sign end-entity certificates only below it ({@code pathLength} 0), critical. */
    public CertificateBuilder certificateAuthority(int pathLength) {
        return extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.booleanTrue(), Der.integer(pathLength)));
    }

    /** Not a CA (an empty BasicConstraints, cA's default FALSE omitted as DER requires), critical. */
    public CertificateBuilder endEntity() {
        return extension(BASIC_CONSTRAINTS, true, Der.sequence());
    }

    public CertificateBuilder keyUsage(KeyUsage... usages) {
        int[] bits = new int[usages.length];
        for (int i = 0; i < usages.length; i++) {
            bits[i] = usages[i].bit;
        }
        return extension(KEY_USAGE, true, Der.namedBits(bits));
    }

    public CertificateBuilder serverAuth() {
        return extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.objectIdentifier(SERVER_AUTH)));
    }

    public CertificateBuilder dnsNames(List<String> names) {
        byte[][] generalNames = names.stream()
                .map(name -> Der.implicitPrimitive(DNS_NAME, name.getBytes(StandardCharsets.US_ASCII)))
                .toArray(byte[][]::new);
        return extension(SUBJECT_ALTERNATIVE_NAME, false, Der.sequence(generalNames));
    }

    /** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subject public key's bits. */
    public CertificateBuilder subjectKeyIdentifier() {
        return extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier(publicKey)));
    }

    /** The issuer's key identifier (its subjectKeyIdentifier), so chain building finds the right CA key. */
    public CertificateBuilder authorityKeyIdentifier(PublicKey issuerKey) {
        return extension(AUTHORITY_KEY_IDENTIFIER, false,
                Der.sequence(Der.implicitPrimitive(0, keyIdentifier(issuerKey))));
    }

    /** Signs with SHA-256 and the signer's key type (EC or RSA) and returns the certificate as the JDK parses it. */
    public X509Certificate sign(PrivateKey signer) throws GeneralSecurityException {
        SignatureAlgorithm algorithm = SignatureAlgorithm.of(signer);
        List<byte[]> tbs = new ArrayList<>(List.of(
                Der.explicit(0, Der.integer(2)), // v3
                Der.integer(serial),
                algorithm.identifier(),
                issuer.getEncoded(),
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                subject.getEncoded(),
                publicKey.getEncoded())); // X.509 SubjectPublicKeyInfo, as Java encodes public keys
        if (!extensions.isEmpty()) {
            tbs.add(Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
        }
        byte[] toBeSigned = Der.sequence(tbs.toArray(byte[][]::new));
        Signature signature = Signature.getInstance(algorithm.jcaName());
        signature.initSign(signer);
        signature.update(toBeSigned);
        byte[] certificate = Der.sequence(toBeSigned, algorithm.identifier(), Der.bitString(signature.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    /** SHA-1 of the BIT STRING inside the key's SubjectPublicKeyInfo, without its unused-bits octet. */
    static byte[] keyIdentifier(PublicKey key) {
        List<Der.Element> info = Der.read(key.getEncoded()).children();
        byte[] bits = info.get(1).content();
        try {
            return MessageDigest.getInstance("SHA-1").digest(java.util.Arrays.copyOfRange(bits, 1, bits.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }

    private CertificateBuilder extension(String oid, boolean critical, byte[] value) {
        extensions.add(critical
                ? Der.sequence(Der.objectIdentifier(oid), Der.booleanTrue(), Der.octetString(value))
                : Der.sequence(Der.objectIdentifier(oid), Der.octetString(value)));
        return this;
    }

    private record SignatureAlgorithm(String jcaName, byte[] identifier) {

        static SignatureAlgorithm of(PrivateKey signer) throws GeneralSecurityException {
            return switch (signer.getAlgorithm()) {
                // RFC 5758 §3.2: ecdsa-with-SHA256, parameters absent
                case "EC", "ECDSA" -> new SignatureAlgorithm("SHA256withECDSA",
                        Der.sequence(Der.objectIdentifier("1.2.840.10045.4.3.2")));
                // RFC 4055 §5: sha256WithRSAEncryption, parameters NULL
                case "RSA" -> new SignatureAlgorithm("SHA256withRSA",
                        Der.sequence(Der.objectIdentifier("1.2.840.113549.1.1.11"), Der.nullValue()));
                default -> throw new GeneralSecurityException("no signature algorithm for " + signer.getAlgorithm()
                        + " keys");
            };
        }
    }
}

package io.pullsecretinjector.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Checks of a certificate and its key shared by the files reader and the managed certificates. */
public final class CertificateChecks {

    /** What {@link #keyMatch} found. */
    public enum KeyMatch { MATCHES, DIFFERS, UNCHECKED }

    private CertificateChecks() {
    }

    /**
     * Signs a random challenge with the key and verifies it with the certificate's public key.
     *
     * @return {@code UNCHECKED} for key types without a signature scheme here (the TLS handshake is then the check)
     */
    public static KeyMatch keyMatch(X509Certificate certificate, PrivateKey key) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return KeyMatch.UNCHECKED;
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        return verifier.verify(signature) ? KeyMatch.MATCHES : KeyMatch.DIFFERS;
    }

    /** SHA-256 of the certificate (DER), as {@code openssl x509 -fingerprint -sha256} prints it. */
    public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}

package io.pullsecretinjector.tls;

import io.netty.handler.ssl.OpenSslPrivateKeyMethod;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.function.Function;

/**
 * Signs a BoringSSL server handshake in Java: the one step of a handshake that costs real CPU (~1 ms for RSA-2048),
 * and the one BoringSSL hands back to Netty as a delegated task, so it runs on the {@link HandshakeQueue}'s threads and
 * in its order instead of on an event loop between answers. Everything else of the handshake and every record stay in
 * BoringSSL.
 * <p>
 * The key is the one belonging to the leaf certificate BoringSSL is sending on this connection (the engine's handshake
 * session knows it), so a certificate rotated in the middle of a handshake is signed for with its own key.
 */
final class HandshakeSigner implements OpenSslPrivateKeyMethod {

    private final Function<X509Certificate, PrivateKey> keyForLeaf;

    /** @param keyForLeaf the private key of a served leaf certificate, or {@code null} if it is no longer served */
    HandshakeSigner(Function<X509Certificate, PrivateKey> keyForLeaf) {
        this.keyForLeaf = keyForLeaf;
    }

    @Override
    public byte[] sign(SSLEngine engine, int signatureAlgorithm, byte[] input) throws GeneralSecurityException {
        return sign(leafOf(engine), signatureAlgorithm, input);
    }

    /** Signs {@code input} with {@code signatureAlgorithm} and the key of {@code leaf}. */
    byte[] sign(X509Certificate leaf, int signatureAlgorithm, byte[] input) throws GeneralSecurityException {
        PrivateKey key = keyForLeaf.apply(leaf);
        if (key == null) {
            throw new GeneralSecurityException("the certificate of this handshake is no longer served");
        }
        Signature signature = signatureFor(signatureAlgorithm);
        signature.initSign(key);
        // BoringSSL hands over the message to sign, not its digest: the JDK's Signature hashes it.
        signature.update(input);
        return signature.sign();
    }

    /** Only RSA key exchange decrypts, and the server offers ECDHE suites only (TLS 1.3 has no other). */
    @Override
    public byte[] decrypt(SSLEngine engine, byte[] input) throws GeneralSecurityException {
        throw new GeneralSecurityException("RSA key exchange is not offered");
    }

    private static X509Certificate leafOf(SSLEngine engine) throws GeneralSecurityException {
        SSLSession session = engine.getHandshakeSession();
        Certificate[] chain = session == null ? null : session.getLocalCertificates();
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw new GeneralSecurityException("no server certificate chosen for this handshake");
        }
        return leaf;
    }

    /** The JDK signature for a TLS SignatureScheme BoringSSL chose from those the client offered and the key allows. */
    static Signature signatureFor(int signatureAlgorithm) throws GeneralSecurityException {
        // Not a switch: tcnative's constants are not compile-time constants.
        int scheme = signatureAlgorithm;
        if (scheme == SSL_SIGN_RSA_PSS_RSAE_SHA256) {
            return pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
        } else if (scheme == SSL_SIGN_RSA_PSS_RSAE_SHA384) {
            return pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
        } else if (scheme == SSL_SIGN_RSA_PSS_RSAE_SHA512) {
            return pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
        }
        String name = scheme == SSL_SIGN_RSA_PKCS1_SHA256 ? "SHA256withRSA"
                : scheme == SSL_SIGN_RSA_PKCS1_SHA384 ? "SHA384withRSA"
                : scheme == SSL_SIGN_RSA_PKCS1_SHA512 ? "SHA512withRSA"
                : scheme == SSL_SIGN_RSA_PKCS1_SHA1 ? "SHA1withRSA"
                : scheme == SSL_SIGN_ECDSA_SECP256R1_SHA256 ? "SHA256withECDSA"
                : scheme == SSL_SIGN_ECDSA_SECP384R1_SHA384 ? "SHA384withECDSA"
                : scheme == SSL_SIGN_ECDSA_SECP521R1_SHA512 ? "SHA512withECDSA"
                : scheme == SSL_SIGN_ECDSA_SHA1 ? "SHA1withECDSA"
                : scheme == SSL_SIGN_ED25519 ? "Ed25519"
                : null;
        if (name == null) {
            throw new GeneralSecurityException("unsupported TLS signature scheme 0x" + Integer.toHexString(scheme));
        }
        return Signature.getInstance(name);
    }

    private static Signature pss(String digest, MGF1ParameterSpec mgf, int saltLength)
            throws GeneralSecurityException {
        // TLS 1.3 (RFC 8446, 4.2.3): RSASSA-PSS with MGF1 over the same digest and a salt as long as the digest.
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(digest, "MGF1", mgf, saltLength,
                PSSParameterSpec.TRAILER_FIELD_BC));
        return signature;
    }
}

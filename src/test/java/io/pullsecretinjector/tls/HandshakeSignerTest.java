package io.pullsecretinjector.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslPrivateKeyMethod;
import io.pullsecretinjector.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * BoringSSL's handshake signatures made in Java: each TLS signature scheme is signed so that the scheme's verifier
 * (another JDK Signature, with the certificate's public key) accepts it, and with the key of the certificate sent.
 */
class HandshakeSignerTest {

    @TempDir
    static Path rsaDir;
    @TempDir
    static Path rotatedDir;

    private static ServingCredential rsa;
    private static ServingCredential ec;

    private static final byte[] MESSAGE = "TLS 1.3, server CertificateVerify\0transcript hash"
            .getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void load() {
        // tcnative's scheme numbers are read from the native library, which the server loads before it signs.
        OpenSsl.ensureAvailability();
        TestCertificates.generate(rsaDir);
        rsa = ServingCredential.load(1, new ServingFiles(rsaDir.resolve("tls.crt"), rsaDir.resolve("tls.key")).read());
        ec = ServingCredential.load(1, StandInCertificate.create());
    }

    static Stream<Arguments> schemes() {
        return Stream.of(
                Arguments.of("an RSA key signs RSA-PSS with SHA-256 (TLS 1.3)",
                        OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA256, "rsa", pss("SHA-256", 32)),
                Arguments.of("an RSA key signs RSA-PSS with SHA-384",
                        OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA384, "rsa", pss("SHA-384", 48)),
                Arguments.of("an RSA key signs RSA-PSS with SHA-512",
                        OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA512, "rsa", pss("SHA-512", 64)),
                Arguments.of("an RSA key signs PKCS#1 v1.5 with SHA-256 (TLS 1.2 clients)",
                        OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PKCS1_SHA256, "rsa", verifier("SHA256withRSA")),
                Arguments.of("an EC P-256 key signs ECDSA with SHA-256",
                        OpenSslPrivateKeyMethod.SSL_SIGN_ECDSA_SECP256R1_SHA256, "ec", verifier("SHA256withECDSA")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void theSignatureVerifiesWithTheCertificatesPublicKey(String name, int scheme, String keyType,
                                                          Verifier verifier) throws Exception {
        ServingCredential credential = keyType.equals("rsa") ? rsa : ec;
        HandshakeSigner signer = new HandshakeSigner(leaf -> leaf.equals(credential.leaf())
                ? credential.privateKey() : null);

        byte[] signature = signer.sign(credential.leaf(), scheme, MESSAGE);

        assertThat(verifier.verifies(credential.leaf(), MESSAGE, signature)).isTrue();
        assertThat(verifier.verifies(credential.leaf(), "another message".getBytes(StandardCharsets.US_ASCII),
                signature)).isFalse();
    }

    @Test
    void aHandshakeThatStartedBeforeARotationIsSignedWithTheKeyOfTheCertificateItSends() throws Exception {
        RotatingKeyManager manager = new RotatingKeyManager(rsa);
        TestCertificates.generate(rotatedDir);
        manager.install(ServingCredential.load(2,
                new ServingFiles(rotatedDir.resolve("tls.crt"), rotatedDir.resolve("tls.key")).read()));
        HandshakeSigner signer = new HandshakeSigner(manager::keyFor);

        byte[] signature = signer.sign(rsa.leaf(), OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA256, MESSAGE);

        assertThat(pss("SHA-256", 32).verifies(rsa.leaf(), MESSAGE, signature)).isTrue();
    }

    @Test
    void aCertificateNoLongerServedIsNotSignedFor() {
        HandshakeSigner signer = new HandshakeSigner(leaf -> null);

        assertThatThrownBy(() -> signer.sign(rsa.leaf(), OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA256,
                MESSAGE)).isInstanceOf(GeneralSecurityException.class).hasMessageContaining("no longer served");
    }

    @Test
    void anUnknownSignatureSchemeIsRefusedByItsNumber() {
        HandshakeSigner signer = new HandshakeSigner(leaf -> rsa.privateKey());

        assertThatThrownBy(() -> signer.sign(rsa.leaf(), 0x0fff, MESSAGE))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessage("unsupported TLS signature scheme 0xfff");
    }

    @Test
    void rsaKeyExchangeIsNeverDecrypted() {
        HandshakeSigner signer = new HandshakeSigner(leaf -> rsa.privateKey());

        assertThatThrownBy(() -> signer.decrypt(null, new byte[256])).isInstanceOf(GeneralSecurityException.class);
    }

    /** Verifies a signature the way the client of a TLS handshake would, with the certificate's public key. */
    interface Verifier {
        boolean verifies(X509Certificate certificate, byte[] message, byte[] signature) throws Exception;
    }

    private static Verifier verifier(String algorithm) {
        return (certificate, message, signature) -> {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        };
    }

    private static Verifier pss(String digest, int saltLength) {
        return (certificate, message, signature) -> {
            Signature verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new java.security.spec.PSSParameterSpec(digest, "MGF1",
                    new java.security.spec.MGF1ParameterSpec(digest), saltLength, 1));
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        };
    }
}

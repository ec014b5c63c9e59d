package io.pullsecretinjector.x509;

import io.pullsecretinjector.x509.CertificateBuilder.KeyUsage;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Certificates built here are read back by the JDK (parsing, PKIX path validation) and by BouncyCastle (extensions,
 * signatures): two independent readers.
 */
class CertificateBuilderTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final X500Principal CA_NAME = new X500Principal("CN=test CA,O=pull-secret-injector");
    private static final X500Principal SERVER_NAME = new X500Principal("CN=webhook.ns.svc,O=pull-secret-injector");

    @Test
    void aCaMaySignEndEntityCertificatesOnly() throws Exception {
        KeyPair keys = ec();
        X509Certificate ca = ca(keys);

        assertThat(ca.getBasicConstraints()).isEqualTo(0);
        assertThat(ca.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(ca.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(ca.getSubjectX500Principal()).isEqualTo(CA_NAME);
        assertThat(ca.getIssuerX500Principal()).isEqualTo(CA_NAME);
        ca.verify(keys.getPublic());
        BasicConstraints constraints = BasicConstraints.fromExtensions(new X509CertificateHolder(ca.getEncoded())
                .getExtensions());
        assertThat(constraints.isCA()).isTrue();
        assertThat(constraints.getPathLenConstraint()).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void aServingCertificateValidatesAgainstItsCaForServerAuthentication() throws Exception {
        KeyPair caKeys = ec();
        X509Certificate ca = ca(caKeys);
        X509Certificate leaf = serving(ec(), ca, caKeys);

        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()).startsWith(true, false, false, false, false, false);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, "webhook"), List.of(2, "webhook.ns"),
                List.of(2, "webhook.ns.svc"));
        var parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    @Test
    void keyIdentifiersAreThoseBouncyCastleComputesAndLinkTheLeafToItsCa() throws Exception {
        KeyPair caKeys = ec();
        X509Certificate ca = ca(caKeys);
        X509Certificate leaf = serving(ec(), ca, caKeys);
        var caExtensions = new X509CertificateHolder(ca.getEncoded()).getExtensions();
        var leafExtensions = new X509CertificateHolder(leaf.getEncoded()).getExtensions();

        byte[] caKeyId = SubjectKeyIdentifier.fromExtensions(caExtensions).getKeyIdentifier();
        assertThat(caKeyId).isEqualTo(new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic())
                .getKeyIdentifier());
        assertThat(AuthorityKeyIdentifier.fromExtensions(leafExtensions).getKeyIdentifier()).isEqualTo(caKeyId);
        assertThat(leafExtensions.getExtension(Extension.subjectKeyIdentifier).isCritical()).isFalse();
    }

    @Test
    void anRsaCaSignsWithSha256WithRsaAndBouncyCastleVerifiesTheSignature() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair caKeys = rsa.generateKeyPair();
        X509Certificate ca = ca(caKeys);
        X509Certificate leaf = serving(ec(), ca, caKeys);

        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(new X509CertificateHolder(leaf.getEncoded())
                .isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.getPublicKey()))).isTrue();
    }

    @ParameterizedTest(name = "validity ending {0} is read back to the second")
    @ValueSource(strings = {"2027-12-03T10:00:00Z", "2049-12-31T23:59:59Z", "2050-01-01T00:00:00Z",
            "2126-12-03T10:00:00Z"})
    void validityIsReadBackToTheSecond(String notAfter) throws Exception {
        KeyPair keys = ec();
        X509Certificate certificate = new CertificateBuilder(CA_NAME, keys.getPublic(), BigInteger.TWO,
                NOW.plusMillis(700), Instant.parse(notAfter).plusMillis(999)).sign(keys.getPrivate());

        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(Instant.parse(notAfter));
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSerialNumber()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void aSerialNumberThatIsNotPositiveIsRefused() {
        KeyPair keys = ec();

        assertThatThrownBy(() -> new CertificateBuilder(CA_NAME, keys.getPublic(), BigInteger.ZERO, NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomSerialNumbersArePositiveFitRfc5280sTwentyOctetsAndDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<BigInteger> seen = new HashSet<>();

        for (int i = 0; i < 1_000; i++) {
            BigInteger serial = CertificateBuilder.randomSerialNumber(random);
            assertThat(serial.signum()).isPositive();
            assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
            seen.add(serial);
        }

        assertThat(seen).hasSize(1_000);
    }

    private static X509Certificate ca(KeyPair keys) throws Exception {
        return new CertificateBuilder(CA_NAME, keys.getPublic(), BigInteger.ONE, NOW.minusSeconds(60),
                NOW.plusSeconds(86_400)).certificateAuthority(0).keyUsage(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN)
                .subjectKeyIdentifier().sign(keys.getPrivate());
    }

    private static X509Certificate serving(KeyPair keys, X509Certificate ca, KeyPair caKeys) throws Exception {
        return new CertificateBuilder(SERVER_NAME, keys.getPublic(), BigInteger.valueOf(42), NOW.minusSeconds(60),
                NOW.plusSeconds(3_600)).issuer(ca.getSubjectX500Principal()).endEntity()
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE).serverAuth()
                .dnsNames(List.of("webhook", "webhook.ns", "webhook.ns.svc")).subjectKeyIdentifier()
                .authorityKeyIdentifier(ca.getPublicKey()).sign(caKeys.getPrivate());
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

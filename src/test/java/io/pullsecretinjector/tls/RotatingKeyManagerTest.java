package io.pullsecretinjector.tls;

import io.pullsecretinjector.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading a serving certificate, and the key manager that swaps it under running handshakes. */
class RotatingKeyManagerTest {

    @TempDir
    static Path first;
    @TempDir
    static Path second;
    @TempDir
    static Path third;

    @BeforeAll
    static void generate() throws Exception {
        TestCertificates.generate(first);
        copyCa(first, second);
        TestCertificates.rotate(second);
        copyCa(first, third);
        TestCertificates.rotate(third);
    }

    @Test
    void aCertificateAndItsKeyLoadWithTheFingerprintOpensslPrints() {
        ServingCredential credential = ServingCredential.load(1, files(first).read());

        assertThat(credential.subject()).contains("CN=");
        assertThat(credential.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(credential.notAfter()).isAfter(java.time.Instant.now());
    }

    @Test
    void aKeyFromAnotherPairIsRefused() {
        ServingFiles mixed = new ServingFiles(first.resolve("tls.crt"), second.resolve("tls.key"));

        assertThatThrownBy(() -> ServingCredential.load(1, mixed.read()))
                .isInstanceOf(InvalidServingCertificateException.class)
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void aFileWithoutPemIsRefusedWithoutEchoingItsContent() throws Exception {
        Path garbage = Files.writeString(first.resolveSibling(first.getFileName() + "-garbage.key"),
                "super-secret-not-a-key");
        ServingFiles broken = new ServingFiles(first.resolve("tls.crt"), garbage);

        assertThatThrownBy(() -> ServingCredential.load(1, broken.read()))
                .isInstanceOf(InvalidServingCertificateException.class)
                .hasMessageStartingWith("cannot read the certificate and key")
                .hasMessageNotContaining("super-secret");
    }

    @Test
    void aHandshakeThatChoseItsAliasBeforeASwapStillGetsAMatchingChainAndKey() throws Exception {
        RotatingKeyManager manager = new RotatingKeyManager(ServingCredential.load(1, files(first).read()));
        String chosenBeforeSwap = manager.chooseEngineServerAlias("RSA", null, null);

        manager.install(ServingCredential.load(2, files(second).read()));

        X509Certificate[] chain = manager.getCertificateChain(chosenBeforeSwap);
        assertThat(chain[0]).isEqualTo(leaf(first));
        assertSignsFor(chain[0], manager.getPrivateKey(chosenBeforeSwap));
        String chosenAfterSwap = manager.chooseEngineServerAlias("RSA", null, null);
        assertThat(manager.getCertificateChain(chosenAfterSwap)[0]).isEqualTo(leaf(second));
        assertSignsFor(leaf(second), manager.getPrivateKey(chosenAfterSwap));
    }

    @Test
    void anAliasTwoGenerationsOldResolvesToNothingRatherThanToAnotherKey() {
        RotatingKeyManager manager = new RotatingKeyManager(ServingCredential.load(1, files(first).read()));
        String old = manager.chooseEngineServerAlias("RSA", null, null);

        manager.install(ServingCredential.load(2, files(second).read()));
        manager.install(ServingCredential.load(3, files(third).read()));

        assertThat(manager.getCertificateChain(old)).isNull();
        assertThat(manager.getPrivateKey(old)).isNull();
    }

    @Test
    void theKeyOfTheCurrentOrPreviousLeafIsFoundByTheCertificateAndNoOlderOne() throws Exception {
        RotatingKeyManager manager = new RotatingKeyManager(ServingCredential.load(1, files(first).read()));
        manager.install(ServingCredential.load(2, files(second).read()));

        assertSignsFor(leaf(second), manager.keyFor(leaf(second)));
        assertSignsFor(leaf(first), manager.keyFor(leaf(first)));
        manager.install(ServingCredential.load(3, files(third).read()));
        assertThat(manager.keyFor(leaf(first))).isNull();
    }

    @Test
    void withoutKeysTheSameAliasesAndChainsComeWithNoPrivateKey() {
        RotatingKeyManager manager = new RotatingKeyManager(ServingCredential.load(1, files(first).read()));
        RotatingKeyManager keyless = manager.withoutKeys();

        String alias = keyless.chooseEngineServerAlias("RSA", null, null);

        assertThat(alias).isEqualTo(manager.chooseEngineServerAlias("RSA", null, null));
        assertThat(keyless.getCertificateChain(alias)).isEqualTo(manager.getCertificateChain(alias));
        assertThat(manager.getPrivateKey(alias)).isNotNull();
        assertThat(keyless.getPrivateKey(alias)).isNull();
    }

    @Test
    void theKeylessViewServesARotatedCertificateAtOnce() throws Exception {
        RotatingKeyManager manager = new RotatingKeyManager(ServingCredential.load(1, files(first).read()));
        RotatingKeyManager keyless = manager.withoutKeys();

        manager.install(ServingCredential.load(2, files(second).read()));

        String alias = keyless.chooseEngineServerAlias("RSA", null, null);
        assertThat(keyless.getCertificateChain(alias)[0]).isEqualTo(leaf(second));
        assertThat(keyless.getPrivateKey(alias)).isNull();
        assertSignsFor(leaf(second), keyless.keyFor(leaf(second)));
    }

    @Test
    void aKeyTypeTheCertificateDoesNotHaveGetsNoAlias() {
        RotatingKeyManager manager = new RotatingKeyManager(ServingCredential.load(1, files(first).read()));

        assertThat(manager.chooseEngineServerAlias("EC", null, null)).isNull();
        assertThat(manager.chooseEngineServerAlias("RSA", null, null)).isNotNull();
    }

    @Test
    void aliasesThatAreNotOursResolveToNothing() {
        RotatingKeyManager manager = new RotatingKeyManager(ServingCredential.load(1, files(first).read()));

        assertThat(manager.getPrivateKey("dummy-entry-0")).isNull();
        assertThat(manager.getPrivateKey("x/dummy-entry-0")).isNull();
        assertThat(manager.getPrivateKey(null)).isNull();
        assertThat(manager.chooseEngineClientAlias(new String[] {"RSA"}, null, null)).isNull();
    }

    private static void assertSignsFor(X509Certificate certificate, java.security.PrivateKey key) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).as("key belongs to certificate").isTrue();
    }

    private static ServingFiles files(Path dir) {
        return new ServingFiles(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    }

    private static X509Certificate leaf(Path dir) throws Exception {
        try (var in = Files.newInputStream(dir.resolve("tls.crt"))) {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void copyCa(Path from, Path to) throws Exception {
        for (String name : new String[] {"ca.crt", "ca.key"}) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }
}

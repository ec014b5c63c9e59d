package io.pullsecretinjector.x509;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;

import static org.assertj.core.api.Assertions.assertThat;

/** PEM written here is read by BouncyCastle's parser; PEM that openssl writes is read here. */
class PemCodecTest {

    private static final KeyPair EC = CertificateBuilderTest.ec();
    private static final KeyPair RSA = rsa();

    @Test
    void certificatesWrittenHereAreReadBackInOrderHereAndByBouncyCastle() throws Exception {
        X509Certificate first = selfSigned("CN=first");
        X509Certificate second = selfSigned("CN=second");
        String pem = PemCodec.encode(first) + PemCodec.encode(second);

        assertThat(PemCodec.certificates(pem)).contains(List.of(first, second));
        List<Object> read = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                read.add(object);
            }
        }
        assertThat(read).containsExactly(new X509CertificateHolder(first.getEncoded()),
                new X509CertificateHolder(second.getEncoded()));
        assertThat(pem.lines().filter(line -> !line.startsWith("-----"))).allMatch(line -> line.length() <= 64);
    }

    static Stream<Arguments> keys() throws Exception {
        return Stream.of(
                Arguments.of("an EC key in PKCS#8, as written here", PemCodec.encode(EC.getPrivate()), EC.getPrivate()),
                Arguments.of("an RSA key in PKCS#8, as written here", PemCodec.encode(RSA.getPrivate()),
                        RSA.getPrivate()),
                Arguments.of("an EC key in SEC 1 (EC PRIVATE KEY), as openssl writes it",
                        fixture("ec-sec1.pem"), pkcs8ReadByBouncyCastle("ec-sec1.pkcs8.pem")),
                Arguments.of("an EC key after the EC PARAMETERS block that openssl ecparam -genkey writes first",
                        fixture("ec-sec1-with-parameters.pem"), pkcs8ReadByBouncyCastle("ec-sec1.pkcs8.pem")),
                Arguments.of("an RSA key in PKCS#1 (RSA PRIVATE KEY), as openssl genrsa -traditional writes it",
                        fixture("rsa-pkcs1.pem"), pkcs8ReadByBouncyCastle("rsa-pkcs1.pkcs8.pem")));
    }

    @ParameterizedTest(name = "{0} is read")
    @MethodSource("keys")
    void privateKeysAreRead(String name, String pem, PrivateKey expected) {
        PrivateKey key = PemCodec.privateKey(pem).orElseThrow();

        assertThat(key.getAlgorithm()).isEqualTo(expected.getAlgorithm());
        // the same key; encodings may differ (openssl keeps the curve inside a converted SEC 1 key, Java does not)
        if (key instanceof ECPrivateKey ec) {
            assertThat(ec.getS()).isEqualTo(((ECPrivateKey) expected).getS());
            assertThat(ec.getParams().getOrder()).isEqualTo(((ECPrivateKey) expected).getParams().getOrder());
        } else {
            assertThat(((RSAPrivateKey) key).getModulus()).isEqualTo(((RSAPrivateKey) expected).getModulus());
            assertThat(((RSAPrivateKey) key).getPrivateExponent())
                    .isEqualTo(((RSAPrivateKey) expected).getPrivateExponent());
        }
    }

    static Stream<Arguments> unreadable() throws Exception {
        String key = PemCodec.encode(EC.getPrivate());
        String body = key.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        return Stream.of(
                Arguments.of("nothing", null),
                Arguments.of("an empty text", ""),
                Arguments.of("text without a PEM block", "not a key"),
                Arguments.of("two keys", key + PemCodec.encode(RSA.getPrivate())),
                Arguments.of("an encrypted key with RFC 1421 headers", "-----BEGIN RSA PRIVATE KEY-----\n"
                        + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n" + body
                        + "\n-----END RSA PRIVATE KEY-----\n"),
                Arguments.of("a block that is not base64", "-----BEGIN PRIVATE KEY-----\n%%%\n-----END PRIVATE KEY-----"),
                Arguments.of("a truncated key", "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 40)
                        + "\n-----END PRIVATE KEY-----\n"),
                Arguments.of("a certificate", PemCodec.encode(selfSigned("CN=x"))),
                Arguments.of("an SEC 1 key without its curve", PemCodec.encode("EC PRIVATE KEY",
                        Der.sequence(Der.integer(1), Der.octetString(new byte[32])))));
    }

    @ParameterizedTest(name = "{0} gives no key and no exception")
    @MethodSource("unreadable")
    void unreadableKeysGiveNothing(String name, String pem) {
        assertThat(PemCodec.privateKey(pem)).isEmpty();
    }

    @Test
    void aBundleWithAnythingButCertificatesGivesNoCertificates() throws Exception {
        String certificate = PemCodec.encode(selfSigned("CN=x"));

        assertThat(PemCodec.certificates(certificate + PemCodec.encode(EC.getPrivate()))).isEmpty();
        assertThat(PemCodec.certificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).isEmpty();
        assertThat(PemCodec.certificates("no PEM here")).isEmpty();
    }

    private static X509Certificate selfSigned(String name) {
        try {
            return new CertificateBuilder(new X500Principal(name), EC.getPublic(), BigInteger.ONE,
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")).sign(EC.getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** openssl-made test keys (src/test/resources/x509/README.md). */
    private static String fixture(String name) throws Exception {
        try (var in = PemCodecTest.class.getResourceAsStream("/x509/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** The same key as openssl converted it to PKCS#8, read by BouncyCastle: the expected value, independently. */
    private static PrivateKey pkcs8ReadByBouncyCastle(String name) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(fixture(name)))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.pullsecretinjector.x509;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM (RFC 7468) as Kubernetes TLS Secrets and openssl write it: certificates, and private keys in PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}). Whatever cannot be read
 * gives an empty answer, never a message: no byte of a key may reach a log line through an exception.
 */
public final class PemCodec {

    /** One {@code -----BEGIN label-----} block, its base64 decoded. */
    public record Block(String label, byte[] der) {
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Base64.Encoder BASE64_LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    private PemCodec() {
    }

    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + BASE64_LINES.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    public static String encode(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    /** A bundle or chain: the certificates' blocks one after the other, in order. */
    public static String encode(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        certificates.forEach(certificate -> text.append(encode(certificate)));
        return text.toString();
    }

    /** PKCS#8, the encoding Java gives private keys. */
    public static String encode(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    /** Every block in {@code pem}, in order; empty if there is none or one is not valid base64 (or has headers). */
    public static Optional<List<Block>> blocks(String pem) {
        if (pem == null) {
            return Optional.empty();
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            String body = matcher.group(2);
            if (body.indexOf(':') >= 0) {
                return Optional.empty(); // RFC 1421 headers: an encrypted key, which nothing here can read
            }
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return blocks.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(blocks));
    }

    /** Every certificate in {@code pem}, in order; empty if there is none or any block is not a certificate. */
    public static Optional<List<X509Certificate>> certificates(String pem) {
        Optional<List<Block>> blocks = blocks(pem);
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks.get()) {
                if (!block.label().equals("CERTIFICATE")) {
                    return Optional.empty();
                }
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(certificates));
    }

    /**
     * The one private key in {@code pem}. Blocks of EC parameters, which {@code openssl ecparam -genkey} writes
     * before the key, are skipped; a second key, an encrypted key or anything unreadable gives empty.
     */
    public static Optional<PrivateKey> privateKey(String pem) {
        List<Block> keys = blocks(pem).orElse(List.of()).stream()
                .filter(block -> !block.label().equals("EC PARAMETERS")).toList();
        if (keys.size() != 1) {
            return Optional.empty();
        }
        try {
            return pkcs8(keys.get(0)).flatMap(PemCodec::decodePkcs8);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> pkcs8(Block block) {
        return switch (block.label()) {
            case "PRIVATE KEY" -> Optional.of(block.der());
            // RFC 8017 RSAPrivateKey inside PKCS#8 (RFC 5208): version 0, rsaEncryption with NULL parameters
            case "RSA PRIVATE KEY" -> Optional.of(Der.sequence(Der.integer(0),
                    Der.sequence(Der.objectIdentifier(RSA_ENCRYPTION), Der.nullValue()), Der.octetString(block.der())));
            case "EC PRIVATE KEY" -> sec1Curve(block.der()).map(curve -> Der.sequence(Der.integer(0),
                    Der.sequence(Der.objectIdentifier(EC_PUBLIC_KEY), curve), Der.octetString(block.der())));
            default -> Optional.empty();
        };
    }

    /** The named-curve OID element in a SEC 1 ECPrivateKey's {@code [0] parameters}, if there. */
    private static Optional<byte[]> sec1Curve(byte[] der) {
        return Der.read(der).children().stream().filter(element -> element.tag() == 0xA0).findFirst()
                .map(Der.Element::content)
                .filter(content -> content.length > 0 && content[0] == Der.OBJECT_IDENTIFIER);
    }

    private static Optional<PrivateKey> decodePkcs8(byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(spec));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm: try the next
            }
        }
        return Optional.empty();
    }
}

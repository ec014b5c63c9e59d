package io.pullsecretinjector.certificates;

import io.fabric8.kubernetes.api.model.Secret;
import io.pullsecretinjector.x509.PemCodec;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code kubernetes.io/tls} Secret holds, read without trusting it: missing, unusable (with a reason made of
 * fixed words, never of the Secret's bytes) or a usable certificate with the key that belongs to it.
 *
 * @param state   which of the three
 * @param problem why it is unusable; {@code null} otherwise
 * @param pair    the certificate and key when usable
 * @param caCerts the Secret's {@code ca.crt}, parsed (empty when absent or unreadable)
 */
public record StoredPair(State state, String problem, KeyPairCertificate pair, CaBundle caCerts) {

    public static final String CERTIFICATE = "tls.crt";
    public static final String KEY = "tls.key";
    public static final String CA_CERTIFICATES = "ca.crt";

    public enum State { MISSING, UNUSABLE, USABLE }

    public static final StoredPair MISSING = new StoredPair(State.MISSING, null, null, CaBundle.EMPTY);

    public static StoredPair unusable(String problem, CaBundle caCerts) {
        return new StoredPair(State.UNUSABLE, problem, null, caCerts);
    }

    public static StoredPair usable(KeyPairCertificate pair, CaBundle caCerts) {
        return new StoredPair(State.USABLE, null, pair, caCerts);
    }

    public static StoredPair read(Secret secret) {
        if (secret == null) {
            return MISSING;
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        CaBundle caCerts = CaBundle.parse(decode(data.get(CA_CERTIFICATES)));
        String certificatePem = decode(data.get(CERTIFICATE));
        String keyPem = decode(data.get(KEY));
        if (certificatePem == null || keyPem == null) {
            return unusable(CERTIFICATE + " or " + KEY + " is missing", caCerts);
        }
        Optional<List<X509Certificate>> chain = PemCodec.certificates(certificatePem);
        if (chain.isEmpty()) {
            return unusable(CERTIFICATE + " is not a PEM certificate", caCerts);
        }
        Optional<PrivateKey> key = PemCodec.privateKey(keyPem);
        if (key.isEmpty()) {
            return unusable(KEY + " is not a PEM private key", caCerts);
        }
        X509Certificate certificate = chain.get().get(0);
        if (!CertificateFacts.keyMatches(certificate, key.get())) {
            return unusable("the private key does not belong to the certificate", caCerts);
        }
        return usable(new KeyPairCertificate(certificate, key.get()), caCerts);
    }

    public boolean usable() {
        return state == State.USABLE;
    }

    /** The certificate of a usable pair. */
    public X509Certificate certificate() {
        return pair.certificate();
    }

    private static String decode(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    @Override
    public String toString() {
        return state + (problem == null ? "" : " (" + problem + ")") + (pair == null ? "" : " " + pair);
    }
}

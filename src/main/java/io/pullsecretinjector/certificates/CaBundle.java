package io.pullsecretinjector.certificates;

import io.pullsecretinjector.x509.PemCodec;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CAs the API server is told to trust: the {@code caBundle} of a webhook, and the {@code ca.crt} of the CA Secret
 * it is kept from. Pure. Order is kept (oldest first, a new CA is appended); equality of bundles ignores order and
 * PEM formatting.
 */
public record CaBundle(List<X509Certificate> certificates) {

    public static final CaBundle EMPTY = new CaBundle(List.of());

    public CaBundle {
        certificates = List.copyOf(certificates);
    }

    /** The certificates of a PEM text; empty when it is absent or cannot be read as a whole. */
    public static CaBundle parse(String pem) {
        return PemCodec.certificates(pem).map(CaBundle::new).orElse(EMPTY);
    }

    /** A webhook's {@code clientConfig.caBundle}: base64 of PEM. */
    public static CaBundle fromBase64(String caBundle) {
        if (caBundle == null || caBundle.isBlank()) {
            return EMPTY;
        }
        try {
            return parse(new String(Base64.getDecoder().decode(caBundle.trim()), java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            return EMPTY;
        }
    }

    public String toPem() {
        return PemCodec.encode(certificates);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(toPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public boolean contains(X509Certificate certificate) {
        return certificates.stream().anyMatch(c -> Arrays.equals(der(c), der(certificate)));
    }

    /** This bundle with {@code certificate} appended, unless it is in already. */
    public CaBundle with(X509Certificate certificate) {
        if (contains(certificate)) {
            return this;
        }
        List<X509Certificate> more = new ArrayList<>(certificates);
        more.add(certificate);
        return new CaBundle(more);
    }

    /** Both bundles, without duplicates, this one's certificates first. */
    public CaBundle union(CaBundle other) {
        CaBundle result = this;
        for (X509Certificate certificate : other.certificates) {
            result = result.with(certificate);
        }
        return result;
    }

    /** Only the CA certificates that have not expired at {@code now}. */
    public CaBundle unexpiredCas(Instant now) {
        return new CaBundle(certificates.stream()
                .filter(c -> c.getBasicConstraints() >= 0)
                .filter(c -> !Lifetimes.expired(c, now))
                .toList());
    }

    /** The same certificates, whatever their order and encoding. */
    public boolean sameAs(CaBundle other) {
        return derSet().equals(other.derSet());
    }

    /** Whether one of the bundle's CAs, unexpired at {@code now}, signed {@code certificate}. */
    public boolean signed(X509Certificate certificate, Instant now) {
        return certificates.stream().filter(ca -> !Lifetimes.expired(ca, now))
                .anyMatch(ca -> CertificateIssuer.signedBy(certificate, ca));
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    private Set<String> derSet() {
        Set<String> set = new HashSet<>();
        certificates.forEach(c -> set.add(Base64.getEncoder().encodeToString(der(c))));
        return set;
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return certificates.size() + " CA(s): " + certificates.stream().map(CertificateFacts::fingerprint).toList();
    }
}

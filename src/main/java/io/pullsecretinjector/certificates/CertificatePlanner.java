package io.pullsecretinjector.certificates;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides the one next step towards correct certificates from what the Secrets and the webhook configuration hold.
 * Pure, so every rule is tested without an API server. The order of the rules is the safety argument:
 * <ol>
 *   <li>a usable, current CA comes first (issued if missing, unusable, expired or due);</li>
 *   <li>the CA Secret's {@code ca.crt} lists every unexpired CA, the current one appended last;</li>
 *   <li>every webhook's {@code caBundle} equals that list;</li>
 *   <li>only then is a serving certificate signed by the current CA issued (if missing, unusable, signed by another
 *       CA, for other names, expired or due), so the API server trusts its CA before any replica serves it;</li>
 *   <li>otherwise wait until the next renewal or the next CA expiry.</li>
 * </ol>
 * An old CA therefore stays trusted until it expires, and the certificate served by any replica chains to the bundle
 * at every moment.
 */
public final class CertificatePlanner {

    /** The next thing to do. */
    public sealed interface Step {
    }

    /** Write a new CA into the CA Secret, trusting {@code keep} (unexpired CAs already trusted) besides it. */
    public record IssueCa(String reason, CaBundle keep) implements Step {
    }

    /** Rewrite the CA Secret's list of trusted CAs (a CA expired, or the current one is missing from it). */
    public record Trust(CaBundle bundle) implements Step {
    }

    /** Set every webhook's caBundle to {@code bundle}. */
    public record PatchWebhooks(CaBundle bundle) implements Step {
    }

    /** Write a new serving certificate signed by the current CA. */
    public record IssueServing(String reason) implements Step {
    }

    /** Nothing to do before {@code until}. */
    public record Wait(Instant until) implements Step {
    }

    private CertificatePlanner() {
    }

    /**
     * @param ca       the CA Secret
     * @param serving  the serving Secret
     * @param webhooks the caBundle of every webhook in the configuration; empty if the configuration does not exist
     * @param dnsNames the names the serving certificate must carry
     */
    public static Step next(StoredPair ca, StoredPair serving, Optional<List<CaBundle>> webhooks,
                            List<String> dnsNames, Instant now) {
        if (!ca.usable()) {
            // Keep trusting what was trusted, so replicas still serving the old certificate keep working (this is also
            // how a switch from files mode keeps the old CA until the old Pods are gone).
            CaBundle trustedBefore = webhooks.orElse(List.of()).stream().reduce(ca.caCerts(), CaBundle::union);
            return new IssueCa(ca.state() == StoredPair.State.MISSING ? "no CA yet" : ca.problem(),
                    trustedBefore.unexpiredCas(now));
        }
        X509Certificate caCertificate = ca.certificate();
        if (Lifetimes.expired(caCertificate, now)) {
            return new IssueCa("the CA expired", ca.caCerts().unexpiredCas(now));
        }
        if (Lifetimes.renewalDue(caCertificate, now)) {
            return new IssueCa("the CA is due for renewal", ca.caCerts().unexpiredCas(now));
        }
        CaBundle trusted = ca.caCerts().unexpiredCas(now).with(caCertificate);
        if (!trusted.sameAs(ca.caCerts())) {
            return new Trust(trusted);
        }
        if (webhooks.isPresent() && !webhooks.get().stream().allMatch(trusted::sameAs)) {
            return new PatchWebhooks(trusted);
        }
        String servingProblem = servingProblem(serving, caCertificate, dnsNames, now);
        if (servingProblem != null) {
            return new IssueServing(servingProblem);
        }
        Stream<Instant> expiries = trusted.certificates().stream().filter(c -> !c.equals(caCertificate))
                .map(c -> c.getNotAfter().toInstant());
        Instant until = Stream.concat(Stream.of(Lifetimes.renewalTime(caCertificate),
                        Lifetimes.renewalTime(serving.certificate())), expiries)
                .min(Instant::compareTo).orElseThrow();
        return new Wait(until);
    }

    /** Why the serving Secret needs a new certificate, or {@code null} if it is fine. */
    static String servingProblem(StoredPair serving, X509Certificate caCertificate, List<String> dnsNames,
                                 Instant now) {
        if (serving.state() == StoredPair.State.MISSING) {
            return "no serving certificate yet";
        }
        if (!serving.usable()) {
            return serving.problem();
        }
        X509Certificate certificate = serving.certificate();
        if (!CertificateIssuer.signedBy(certificate, caCertificate)) {
            return "it is not signed by the current CA";
        }
        if (!new HashSet<>(CertificateIssuer.dnsNames(certificate)).equals(new HashSet<>(dnsNames))) {
            return "it is not issued for " + dnsNames;
        }
        if (Lifetimes.expired(certificate, now)) {
            return "it expired";
        }
        if (Lifetimes.renewalDue(certificate, now)) {
            return "it is due for renewal";
        }
        return null;
    }
}

package io.pullsecretinjector.certificates;

import io.pullsecretinjector.certificates.CertificatePlanner.IssueCa;
import io.pullsecretinjector.certificates.CertificatePlanner.IssueServing;
import io.pullsecretinjector.certificates.CertificatePlanner.PatchWebhooks;
import io.pullsecretinjector.certificates.CertificatePlanner.Trust;
import io.pullsecretinjector.certificates.CertificatePlanner.Wait;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The next step towards correct certificates, decided from stored state alone; and the renewal arithmetic. */
class CertificatePlannerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> NAMES = new ManagedTlsSettings("ns", "ca", "tls", "svc", "hook").dnsNames();
    private static final CertificateIssuer ISSUER = new CertificateIssuer();

    private final KeyPairCertificate ca = ISSUER.issueCa(T0);
    private final KeyPairCertificate serving = ISSUER.issueServing(ca, NAMES, T0);
    private final CaBundle trusted = new CaBundle(List.of(ca.certificate()));

    private StoredPair storedCa(KeyPairCertificate pair, CaBundle caCerts) {
        return StoredPair.usable(pair, caCerts);
    }

    private StoredPair storedServing(KeyPairCertificate pair) {
        return StoredPair.usable(pair, new CaBundle(List.of(ca.certificate())));
    }

    private static Optional<List<CaBundle>> webhooks(CaBundle... bundles) {
        return Optional.of(List.of(bundles));
    }

    @Test
    void aFreshInstallFirstIssuesACa() {
        var step = CertificatePlanner.next(StoredPair.MISSING, StoredPair.MISSING, webhooks(CaBundle.EMPTY), NAMES, T0);

        assertThat(step).isInstanceOfSatisfying(IssueCa.class, issue -> assertThat(issue.keep().isEmpty()).isTrue());
    }

    @Test
    void anUnusableCaIsReplacedAndEveryCaStillTrustedIsKept() {
        KeyPairCertificate filesModeCa = ISSUER.issueCa(T0);
        StoredPair broken = StoredPair.unusable("tls.crt is not a PEM certificate", trusted);

        var step = CertificatePlanner.next(broken, storedServing(serving),
                webhooks(new CaBundle(List.of(filesModeCa.certificate()))), NAMES, T0);

        assertThat(step).isInstanceOfSatisfying(IssueCa.class, issue -> {
            assertThat(issue.reason()).isEqualTo("tls.crt is not a PEM certificate");
            assertThat(issue.keep().certificates()).containsExactly(ca.certificate(), filesModeCa.certificate());
        });
    }

    @Test
    void aCaIsRenewedAtTwoThirdsOfItsLifetimeKeepingTheOldOneTrusted() {
        Instant due = Lifetimes.renewalTime(ca.certificate());

        assertThat(CertificatePlanner.next(storedCa(ca, trusted), storedServing(serving), webhooks(trusted), NAMES,
                due.minusSeconds(1))).isNotInstanceOf(IssueCa.class);
        assertThat(CertificatePlanner.next(storedCa(ca, trusted), storedServing(serving), webhooks(trusted), NAMES, due))
                .isInstanceOfSatisfying(IssueCa.class, issue ->
                        assertThat(issue.keep().certificates()).containsExactly(ca.certificate()));
        assertThat(Duration.between(T0, due)).isBetween(Duration.ofDays(486), Duration.ofDays(487));
    }

    @Test
    void theWebhooksGetTheNewCaBeforeAServingCertificateSignedByItIsIssued() {
        KeyPairCertificate newCa = ISSUER.issueCa(T0.plus(Duration.ofDays(490)));
        CaBundle both = trusted.with(newCa.certificate());
        Instant now = T0.plus(Duration.ofDays(490));

        var first = CertificatePlanner.next(storedCa(newCa, both), storedServing(serving), webhooks(trusted, trusted),
                NAMES, now);
        var second = CertificatePlanner.next(storedCa(newCa, both), storedServing(serving), webhooks(both, trusted),
                NAMES, now);
        var third = CertificatePlanner.next(storedCa(newCa, both), storedServing(serving), webhooks(both, both),
                NAMES, now);

        assertThat(first).isInstanceOfSatisfying(PatchWebhooks.class, patch -> assertThat(patch.bundle()).isEqualTo(both));
        assertThat(second).as("every webhook, not just the first").isInstanceOf(PatchWebhooks.class);
        assertThat(third).isEqualTo(new IssueServing("it is not signed by the current CA"));
    }

    @Test
    void anOldCaLeavesTheTrustedListOnlyOnceItHasExpired() {
        Instant renewedAt = T0.plus(Duration.ofDays(490));
        KeyPairCertificate newCa = ISSUER.issueCa(renewedAt);
        KeyPairCertificate newServing = ISSUER.issueServing(newCa, NAMES, renewedAt);
        CaBundle both = trusted.with(newCa.certificate());
        Instant oldCaExpiry = ca.certificate().getNotAfter().toInstant();
        KeyPairCertificate recentServing = ISSUER.issueServing(newCa, NAMES, oldCaExpiry.minus(Duration.ofDays(1)));

        var beforeExpiry = CertificatePlanner.next(storedCa(newCa, both), storedServing(newServing), webhooks(both),
                NAMES, renewedAt.plus(Duration.ofDays(1)));
        var afterExpiry = CertificatePlanner.next(storedCa(newCa, both), storedServing(recentServing), webhooks(both),
                NAMES, oldCaExpiry);

        assertThat(beforeExpiry).isInstanceOfSatisfying(Wait.class, wait ->
                assertThat(wait.until()).isEqualTo(Lifetimes.renewalTime(newServing.certificate())));
        assertThat(afterExpiry).isInstanceOfSatisfying(Trust.class, trust ->
                assertThat(trust.bundle().certificates()).containsExactly(newCa.certificate()));
    }

    @Test
    void aWaitEndsAtTheExpiryOfAnOldCaWhenThatComesFirst() {
        Instant now = T0.plus(Duration.ofDays(729));
        KeyPairCertificate newCa = ISSUER.issueCa(T0.plus(Duration.ofDays(490)));
        KeyPairCertificate fresh = ISSUER.issueServing(newCa, NAMES, now);
        CaBundle both = trusted.with(newCa.certificate());

        var step = CertificatePlanner.next(storedCa(newCa, both), storedServing(fresh), webhooks(both), NAMES, now);

        assertThat(step).isEqualTo(new Wait(ca.certificate().getNotAfter().toInstant()));
    }

    @Test
    void theServingCertificateIsReissuedWhenMissingUnusableForOtherNamesExpiredOrDue() {
        StoredPair goodCa = storedCa(ca, trusted);
        KeyPairCertificate otherNames = ISSUER.issueServing(ca, List.of("other"), T0);
        Instant due = Lifetimes.renewalTime(serving.certificate());

        assertThat(CertificatePlanner.next(goodCa, StoredPair.MISSING, webhooks(trusted), NAMES, T0))
                .isEqualTo(new IssueServing("no serving certificate yet"));
        assertThat(CertificatePlanner.next(goodCa, StoredPair.unusable("the private key does not belong to the "
                + "certificate", CaBundle.EMPTY), webhooks(trusted), NAMES, T0))
                .isEqualTo(new IssueServing("the private key does not belong to the certificate"));
        assertThat(CertificatePlanner.next(goodCa, storedServing(otherNames), webhooks(trusted), NAMES, T0))
                .isEqualTo(new IssueServing("it is not issued for " + NAMES));
        assertThat(CertificatePlanner.next(goodCa, storedServing(serving), webhooks(trusted), NAMES, due))
                .isEqualTo(new IssueServing("it is due for renewal"));
        assertThat(CertificatePlanner.next(goodCa, storedServing(serving), webhooks(trusted), NAMES,
                serving.certificate().getNotAfter().toInstant())).isEqualTo(new IssueServing("it expired"));
        assertThat(CertificatePlanner.next(goodCa, storedServing(serving), webhooks(trusted), NAMES, due.minusSeconds(1)))
                .isEqualTo(new Wait(due));
    }

    @Test
    void withoutAWebhookConfigurationTheServingCertificateIsStillIssued() {
        var step = CertificatePlanner.next(storedCa(ca, trusted), StoredPair.MISSING, Optional.empty(), NAMES, T0);

        assertThat(step).isInstanceOf(IssueServing.class);
    }

    @Test
    void aCertificateIsIssuedWithTheDocumentedLifetimesNamesAndKeyType() {
        X509Certificate caCertificate = ca.certificate();
        X509Certificate leaf = serving.certificate();

        assertThat(caCertificate.getNotBefore().toInstant()).isEqualTo(T0.minus(Duration.ofHours(1)));
        assertThat(caCertificate.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(730)));
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(T0.minus(Duration.ofHours(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(90)));
        assertThat(CertificateIssuer.dnsNames(leaf)).containsExactly("svc", "svc.ns", "svc.ns.svc",
                "svc.ns.svc.cluster.local");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(CertificateIssuer.signedBy(leaf, caCertificate)).isTrue();
        assertThat(leaf.getSerialNumber()).isNotEqualTo(ISSUER.issueServing(ca, NAMES, T0).certificate().getSerialNumber());
        assertThat(ca.toString()).doesNotContain("PRIVATE").contains("pull-secret-injector CA");
    }

    @Test
    void aServingCertificateNeverOutlivesItsCa() {
        Instant late = ca.certificate().getNotAfter().toInstant().minus(Duration.ofDays(10));

        X509Certificate leaf = ISSUER.issueServing(ca, NAMES, late).certificate();

        assertThat(leaf.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void storedPairsAreReadBackAndMismatchedOrGarbledOnesAreUnusableWithAFixedReason() {
        var secret = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("s").endMetadata()
                .addToData("tls.crt", b64(serving.certificatePem()))
                .addToData("tls.key", b64(serving.keyPem()))
                .addToData("ca.crt", b64(ca.certificatePem()));

        assertThat(StoredPair.read(secret.build()).certificate()).isEqualTo(serving.certificate());
        assertThat(StoredPair.read(secret.build()).caCerts().certificates()).containsExactly(ca.certificate());
        assertThat(StoredPair.read(secret.addToData("tls.key", b64(ca.keyPem())).build()).problem())
                .isEqualTo("the private key does not belong to the certificate");
        assertThat(StoredPair.read(secret.addToData("tls.crt", b64("garbage")).build()).problem())
                .isEqualTo("tls.crt is not a PEM certificate");
        assertThat(StoredPair.read(null)).isEqualTo(StoredPair.MISSING);
    }

    @Test
    void bundlesCompareByCertificatesNotByOrderOrEncoding() {
        KeyPairCertificate other = ISSUER.issueCa(T0);
        CaBundle one = new CaBundle(List.of(ca.certificate(), other.certificate()));
        CaBundle reordered = CaBundle.fromBase64(new CaBundle(List.of(other.certificate(), ca.certificate())).toBase64());

        assertThat(one.sameAs(reordered)).isTrue();
        assertThat(one.sameAs(trusted)).isFalse();
        assertThat(CaBundle.fromBase64("not base64!").isEmpty()).isTrue();
        assertThat(CaBundle.fromBase64(null).isEmpty()).isTrue();
        assertThat(one.unexpiredCas(ca.certificate().getNotAfter().toInstant()).isEmpty()).isTrue();
        assertThat(one.with(ca.certificate())).isSameAs(one);
    }

    private static String b64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}

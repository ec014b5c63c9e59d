package io.pullsecretinjector.certificates;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.events.EventRecorder;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.testing.AdjustableClock;
import io.pullsecretinjector.testing.BundleClient;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.LogCapture;
import io.pullsecretinjector.testing.ManagedTlsTestProfile;
import io.pullsecretinjector.testing.PullSecrets;
import io.pullsecretinjector.testing.Reviews;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.pullsecretinjector.testing.PullSecrets.INJECTOR_NAMESPACE;
import static io.pullsecretinjector.testing.ManagedTlsTestProfile.CA_SECRET;
import static io.pullsecretinjector.testing.ManagedTlsTestProfile.SERVING_SECRET;
import static io.pullsecretinjector.testing.ManagedTlsTestProfile.WEBHOOK_CONFIGURATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code injector.tls.mode=managed} against the mock API server, as a fresh install sees it: the webhook configuration
 * exists with an empty caBundle, no Secret exists. Every handshake here trusts only the caBundle the injector wrote.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = ManagedCertificatesTest.FreshInstall.class)
@TestProfile(ManagedTlsTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagedCertificatesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** What {@code kubectl apply -k deploy/overlays/managed} leaves for the injector: a configuration, no caBundle. */
    public static class FreshInstall implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            server.getClient().admissionRegistration().v1().mutatingWebhookConfigurations()
                    .resource(webhookConfiguration(WEBHOOK_CONFIGURATION, "inject.pull-secret-injector.io")).create();
        }
    }

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    KubernetesClient client;
    @Inject
    ManagedCertificates certificates;
    @Inject
    AdjustableClock clock;
    @Inject
    MeterRegistry meters;
    @KubernetesTestServer
    KubernetesServer mockServer;

    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    /** Every private key the Secrets held during the test, to prove none was published. */
    private static final Set<String> privateKeys = ConcurrentHashMap.newKeySet();

    @Test
    @Order(1)
    void aFreshInstallGetsTwoSecretsAFilledBundleAndServesACertificateTheBundleTrusts() throws Exception {
        awaitReady();
        Secret ca = secret(CA_SECRET);
        Secret serving = secret(SERVING_SECRET);
        for (Secret secret : List.of(ca, serving)) {
            assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
            assertThat(secret.getMetadata().getLabels())
                    .containsEntry(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE);
        }
        assertThat(serving.getData()).containsKeys("tls.crt", "tls.key", "ca.crt");
        X509Certificate caCertificate = StoredPair.read(ca).certificate();
        X509Certificate servingCertificate = StoredPair.read(serving).certificate();
        assertThat(bundle().certificates()).containsExactly(caCertificate);
        assertThat(caCertificate.getBasicConstraints()).isZero();
        assertThat(CertificateIssuer.dnsNames(servingCertificate)).containsExactly("localhost",
                "localhost." + INJECTOR_NAMESPACE, "localhost." + INJECTOR_NAMESPACE + ".svc",
                "localhost." + INJECTOR_NAMESPACE + ".svc.cluster.local");
        assertThat(servingCertificate.getPublicKey().getAlgorithm()).isEqualTo("EC");

        HttpResponse<String> answer = admit();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(answer.body()).path("response").path("allowed").asBoolean()).isTrue();
        assertThat(BundleClient.served(answer)).isEqualTo(servingCertificate);
        RestAssured.get(ready).then().statusCode(200);
    }

    @Test
    @Order(2)
    void aRestartedReplicaReusesTheValidCaAndCertificate() {
        awaitReady();
        String caVersion = secret(CA_SECRET).getMetadata().getResourceVersion();
        String servingVersion = secret(SERVING_SECRET).getMetadata().getResourceVersion();
        CertificateController restarted = controller(settings(), () -> true);
        restarted.start();
        try {
            await().atMost(WAIT).until(() -> restarted.settledPasses() > 0);
            assertThat(restarted.writes()).isZero();
            assertThat(secret(CA_SECRET).getMetadata().getResourceVersion()).isEqualTo(caVersion);
            assertThat(secret(SERVING_SECRET).getMetadata().getResourceVersion()).isEqualTo(servingVersion);
        } finally {
            restarted.stop();
        }
    }

    @Test
    @Order(3)
    void twoReplicasStartingTogetherEndWithOneCa() {
        ManagedTlsSettings race = new ManagedTlsSettings("race", "race-ca", "race-tls", "webhook",
                "race.pull-secret-injector.io");
        client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .resource(webhookConfiguration(race.webhookConfiguration(), "a.race.io", "b.race.io")).create();
        Set<String> caCertificatesSeen = ConcurrentHashMap.newKeySet();
        var watch = client.secrets().inNamespace("race").inform(new io.fabric8.kubernetes.client.informers
                .ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret secret) {
                record(secret);
            }

            @Override
            public void onUpdate(Secret before, Secret after) {
                record(after);
            }

            @Override
            public void onDelete(Secret secret, boolean unknown) {
            }

            private void record(Secret secret) {
                if ("race-ca".equals(secret.getMetadata().getName())) {
                    caCertificatesSeen.add(secret.getData().get("tls.crt"));
                }
            }
        });
        // Both believe they lead (a Lease hand-over seen from both sides): optimistic concurrency alone must decide.
        CertificateController first = controller(race, () -> true);
        CertificateController second = controller(race, () -> true);
        first.start();
        second.start();
        try {
            await().atMost(WAIT).until(() -> first.settledPasses() > 0 && second.settledPasses() > 0);
            X509Certificate ca = StoredPair.read(client.secrets().inNamespace("race").withName("race-ca").get())
                    .certificate();
            MutatingWebhookConfiguration configuration = client.admissionRegistration().v1()
                    .mutatingWebhookConfigurations().withName(race.webhookConfiguration()).get();
            assertThat(CertificateController.bundles(configuration).orElseThrow())
                    .allSatisfy(bundle -> assertThat(bundle.certificates()).containsExactly(ca)).hasSize(2);
            X509Certificate serving = StoredPair.read(client.secrets().inNamespace("race").withName("race-tls").get())
                    .certificate();
            assertThat(CertificateIssuer.signedBy(serving, ca)).isTrue();
            assertThat(caCertificatesSeen).hasSize(1);
        } finally {
            first.stop();
            second.stop();
            watch.stop();
        }
    }

    @Test
    @Order(4)
    void theServingCertificateIsRenewedAtTwoThirdsOfItsLifetimeWithoutAFailedHandshake() throws Exception {
        awaitReady();
        X509Certificate before = BundleClient.served(admit());
        try (Handshakes handshakes = new Handshakes()) {
            clock.advance(Duration.ofDays(61));
            certificates.controller().orElseThrow().trigger();
            await().atMost(WAIT).until(() -> !served().equals(before));
            handshakes.awaitMore();
            assertThat(handshakes.failures()).isEmpty();
        }
        X509Certificate after = BundleClient.served(admit());
        assertThat(after).isNotEqualTo(before);
        assertThat(after.getNotBefore().toInstant()).isAfter(before.getNotAfter().toInstant().minus(Duration.ofDays(31)));
        assertThat(bundle().certificates()).hasSize(1);
    }

    @Test
    @Order(5)
    void theCaIsRenewedBundleFirstAndTheOldCaLeavesTheBundleOnlyWhenItExpires() throws Exception {
        awaitReady();
        X509Certificate firstCa = StoredPair.read(secret(CA_SECRET)).certificate();
        X509Certificate secondCa = null;
        List<String> writesDuringRenewal = List.of();
        try (Handshakes handshakes = new Handshakes()) {
            // Steps of 61 days: each renews the serving certificate (due at 60 days, valid for 90).
            while (clock.instant().isBefore(firstCa.getNotAfter().toInstant())) {
                X509Certificate served = served();
                drainRequests();
                clock.advance(Duration.ofDays(61));
                certificates.controller().orElseThrow().trigger();
                await().atMost(WAIT).until(() -> !served().equals(served) && ready());
                X509Certificate ca = StoredPair.read(secret(CA_SECRET)).certificate();
                if (secondCa == null && !ca.equals(firstCa)) {
                    secondCa = ca;
                    writesDuringRenewal = drainRequests();
                    assertThat(bundle().certificates()).as("old CA kept, new CA appended")
                            .containsExactly(firstCa, secondCa);
                    assertThat(CertificateIssuer.signedBy(served(), secondCa)).isTrue();
                }
                handshakes.awaitMore();
            }
            assertThat(handshakes.failures()).isEmpty();
        }
        assertThat(secondCa).as("the CA was renewed before it expired").isNotNull();
        assertThat(writesDuringRenewal).containsSubsequence(
                "PUT /api/v1/namespaces/" + INJECTOR_NAMESPACE + "/secrets/" + CA_SECRET,
                "PATCH /apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/" + WEBHOOK_CONFIGURATION,
                "PUT /api/v1/namespaces/" + INJECTOR_NAMESPACE + "/secrets/" + SERVING_SECRET);
        X509Certificate currentCa = secondCa;
        await().atMost(WAIT).until(() -> bundle().certificates().equals(List.of(currentCa)));
        assertThat(BundleClient.served(admit())).satisfies(served ->
                assertThat(CertificateIssuer.signedBy(served, currentCa)).isTrue());
    }

    @Test
    @Order(6)
    void aResetBundleIsRestoredWithinSeconds() throws Exception {
        awaitReady();
        CaBundle expected = bundle();
        for (String reset : new String[] {"", Base64.getEncoder().encodeToString("garbage".getBytes())}) {
            client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(WEBHOOK_CONFIGURATION)
                    .patch(PatchContext.of(PatchType.JSON),
                            "[{\"op\":\"add\",\"path\":\"/webhooks/0/clientConfig/caBundle\",\"value\":\"" + reset + "\"}]");
            await().atMost(Duration.ofSeconds(5)).until(() -> bundle().sameAs(expected));
        }
        assertThat(admit().statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aCorruptServingSecretIsReplacedWhileThePreviousCertificateIsStillServed() throws Exception {
        awaitReady();
        X509Certificate before = served();
        replaceData(SERVING_SECRET, "tls.key", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        await().atMost(WAIT).until(() -> StoredPair.read(secret(SERVING_SECRET)).usable() && !served().equals(before));
        assertThat(admit().statusCode()).isEqualTo(200);
        assertReplacementReported(SERVING_SECRET, "tls.key is not a PEM private key");
    }

    @Test
    @Order(8)
    void aCaSecretWhoseKeyDoesNotMatchIsReplacedAndTheOldCaStaysTrusted() throws Exception {
        awaitReady();
        X509Certificate oldCa = StoredPair.read(secret(CA_SECRET)).certificate();
        String otherKey = new CertificateIssuer().issueCa(clock.instant()).keyPem();
        replaceData(CA_SECRET, "tls.key", otherKey);
        await().atMost(WAIT).until(() -> {
            StoredPair ca = StoredPair.read(secret(CA_SECRET));
            return ca.usable() && !ca.certificate().equals(oldCa)
                    && CertificateIssuer.signedBy(served(), ca.certificate()) && ready();
        });
        assertThat(bundle().certificates()).hasSize(2).contains(oldCa);
        assertThat(admit().statusCode()).isEqualTo(200);
        assertReplacementReported(CA_SECRET, "the private key does not belong to the certificate");
    }

    @Test
    @Order(9)
    void aDeletedServingSecretIsIssuedAgain() throws Exception {
        awaitReady();
        X509Certificate before = served();
        client.secrets().inNamespace(INJECTOR_NAMESPACE).withName(SERVING_SECRET).delete();
        await().atMost(WAIT).until(() -> {
            Secret secret = client.secrets().inNamespace(INJECTOR_NAMESPACE).withName(SERVING_SECRET).get();
            return secret != null && !served().equals(before);
        });
        awaitReady();
        assertThat(admit().statusCode()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void aReplicaIsNotReadyWhileTheWebhookConfigurationDoesNotTrustItsCertificate() throws Exception {
        awaitReady();
        client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(WEBHOOK_CONFIGURATION).delete();
        await().atMost(WAIT).until(() -> !ready());
        RestAssured.get(ready).then().statusCode(503);

        // kubectl apply puts it back with an empty caBundle: filled again, ready again.
        client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .resource(webhookConfiguration(WEBHOOK_CONFIGURATION, "inject.pull-secret-injector.io")).create();
        awaitReady();
        RestAssured.get(ready).then().statusCode(200);
        assertThat(admit().statusCode()).isEqualTo(200);
    }

    @Test
    @Order(11)
    void noPrivateKeyReachesLogsEventsMetricsOrHealth() {
        StringBuilder published = new StringBuilder(logs.all());
        client.v1().events().inAnyNamespace().list().getItems()
                .forEach(e -> published.append(e.getMessage()).append('\n'));
        published.append(RestAssured.get(metrics).then().extract().asString());
        published.append(RestAssured.get(ready).then().extract().asString());
        assertThat(privateKeys).isNotEmpty();
        assertThat(published.toString()).contains("Managed certificates: issued a new CA")
                .doesNotContain("PRIVATE KEY");
        for (String key : privateKeys) {
            String body = key.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
            if (body.length() >= 40) { // not the unreadable key the corruption test wrote
                assertThat(published.toString()).doesNotContain(body.substring(0, 40));
            }
        }
        clock.reset();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    static MutatingWebhookConfiguration webhookConfiguration(String name, String... webhooks) {
        var builder = new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(name).endMetadata();
        for (String webhook : webhooks) {
            builder.addNewWebhook().withName(webhook).withAdmissionReviewVersions("v1").withSideEffects("None")
                    .withNewClientConfig().withNewService().withName(ManagedTlsTestProfile.SERVICE)
                    .withNamespace(INJECTOR_NAMESPACE).withPath("/mutate").withPort(443).endService()
                    .endClientConfig().endWebhook();
        }
        return builder.build();
    }

    private ManagedTlsSettings settings() {
        return new ManagedTlsSettings(INJECTOR_NAMESPACE, CA_SECRET, SERVING_SECRET, ManagedTlsTestProfile.SERVICE,
                WEBHOOK_CONFIGURATION);
    }

    private CertificateController controller(ManagedTlsSettings settings, java.util.function.BooleanSupplier leading) {
        return new CertificateController(client, settings, clock, leading, new EventRecorder(client, "test"),
                secret -> { }, 60_000);
    }

    private Secret secret(String name) {
        Secret secret = client.secrets().inNamespace(INJECTOR_NAMESPACE).withName(name).get();
        if (secret != null && secret.getData() != null && secret.getData().get("tls.key") != null) {
            privateKeys.add(new String(Base64.getDecoder().decode(secret.getData().get("tls.key")),
                    StandardCharsets.US_ASCII));
        }
        return secret;
    }

    private CaBundle bundle() {
        MutatingWebhookConfiguration configuration = client.admissionRegistration().v1()
                .mutatingWebhookConfigurations().withName(WEBHOOK_CONFIGURATION).get();
        return CertificateController.bundles(configuration).orElseThrow().get(0);
    }

    private boolean ready() {
        return certificates.readiness().ready();
    }

    private void awaitReady() {
        await().atMost(WAIT).until(this::ready);
        secret(CA_SECRET);
        secret(SERVING_SECRET);
    }

    /** The certificate the webhook serves now, as a client trusting the current bundle at the clock's time sees it. */
    private X509Certificate served() throws Exception {
        return BundleClient.served(admit());
    }

    private HttpResponse<String> admit() throws Exception {
        String review = Reviews.podCreate("team-a", Reviews.pod("nginx:1.27")).toString();
        return BundleClient.post(mutate, review, bundle().certificates(), clock.instant());
    }

    private void replaceData(String name, String key, String value) {
        secret(name);
        client.secrets().inNamespace(INJECTOR_NAMESPACE).withName(name).edit(secret -> new SecretBuilder(secret)
                .addToData(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.US_ASCII))).build());
    }

    private void assertReplacementReported(String secret, String reason) {
        await().atMost(WAIT).until(() -> client.v1().events().inNamespace(INJECTOR_NAMESPACE).list().getItems()
                .stream().anyMatch(e -> CertificateController.REASON_REPLACED.equals(e.getReason())
                        && secret.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())
                        && e.getMessage().contains(reason)));
        assertThat(logs.records().stream().map(LogCapture::text)
                .filter(line -> line.contains(CertificateController.class.getName()) && line.contains("WARN")
                        && line.contains(INJECTOR_NAMESPACE + "/" + secret) && line.contains(reason)))
                .hasSize(1);
    }

    /** "METHOD path" of every write the mock API server received since the last call, in order. */
    private List<String> drainRequests() throws InterruptedException {
        List<String> writes = new ArrayList<>();
        RecordedRequest request;
        while ((request = mockServer.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if (!"GET".equals(request.getMethod())) {
                writes.add(request.getMethod() + " " + request.getPath().replaceAll("\\?.*", ""));
            }
        }
        return writes;
    }

    /** Handshakes in the background, each trusting the bundle as it is at that moment, until closed. */
    private final class Handshakes implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger completed = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final Thread thread;

        Handshakes() {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        int status = admit().statusCode();
                        if (status != 200) {
                            failures.add("HTTP " + status);
                        }
                        completed.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "handshakes");
            thread.start();
        }

        void awaitMore() {
            int now = completed.get();
            await().atMost(WAIT).until(() -> completed.get() > now + 1);
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}

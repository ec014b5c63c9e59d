package io.pullsecretinjector.deploy;

import static io.pullsecretinjector.deploy.ManifestInvariantsTest.TLS_SECRET;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.pullsecretinjector.cluster.ApiPermissions;

/** How each overlay gets the serving certificate into the Pods and its CA into the webhook configuration. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverlayCertificatesTest {

    private static final String CERT_MANAGER = "cert-manager.io";

    private Path deploy;
    private Path generated;
    private RenderedManifests base;
    private RenderedManifests selfSigned;
    private RenderedManifests certManager;
    private RenderedManifests managed;

    @BeforeAll
    void renderOverlays(@TempDir Path workDir) {
        deploy = Project.copyDeployTree(workDir.resolve("repo"));
        base = RenderedManifests.render("base", deploy.resolve("base"));
        certManager = RenderedManifests.render("overlays/cert-manager", deploy.resolve("overlays/cert-manager"));
        managed = RenderedManifests.render(ManifestInvariantsTest.MANAGED, deploy.resolve(ManifestInvariantsTest.MANAGED));
        generated = deploy.resolve(Project.SELF_SIGNED_TLS);
        Commands.run(workDir, Project.generateScript().toString(), "--out", generated.toString()).assertSuccess();
        selfSigned = RenderedManifests.render("overlays/self-signed", deploy.resolve("overlays/self-signed"));
    }

    @Test
    void baseLeavesTheCertificateAndTheCaToAnOverlay() {
        assertThat(base.all(Secret.class)).isEmpty();
        assertThat(webhook(base).getClientConfig().getCaBundle()).isNull();
    }

    @Test
    void selfSignedOverlayServesTheGeneratedCertificateFromASecretWithAStableName() throws IOException {
        Secret secret = selfSigned.only(Secret.class);

        assertThat(secret.getMetadata().getName()).as("no hash suffix: rotation updates it in place").isEqualTo(TLS_SECRET);
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData()).as("never the CA's private key").containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        for (String key : List.of("tls.crt", "tls.key", "ca.crt")) {
            assertThat(decode(secret.getData().get(key))).as(key).isEqualTo(Files.readAllBytes(generated.resolve(key)));
        }
    }

    @Test
    void selfSignedOverlayMakesTheApiServerTrustTheGeneratedCa() throws IOException {
        String caBundle = webhook(selfSigned).getClientConfig().getCaBundle();

        assertThat(decode(caBundle)).isEqualTo(Files.readAllBytes(generated.resolve("ca.crt")));
    }

    @Test
    void selfSignedOverlayRefusesToRenderBeforeCertificatesAreGenerated(@TempDir Path emptyCopy) {
        Path overlay = Project.copyDeployTree(emptyCopy).resolve("overlays/self-signed");

        Commands.Result result = RenderedManifests.kustomize(overlay);

        assertThat(result.exitCode()).as("a webhook without caBundle must not render silently").isNotZero();
        assertThat(result.stderr()).contains("tls/tls.crt");
    }

    @Test
    @SuppressWarnings("unchecked")
    void certManagerIssuesTheServingSecretForEveryNameOfTheService() {
        GenericKubernetesResource serving = servingCertificate();
        Service service = certManager.only(Service.class);
        String svc = service.getMetadata().getName() + "." + service.getMetadata().getNamespace();

        assertThat(serving.getMetadata().getNamespace()).isEqualTo(service.getMetadata().getNamespace());
        assertThat(RenderedManifests.spec(serving)).containsEntry("secretName", TLS_SECRET);
        assertThat((List<Object>) RenderedManifests.spec(serving).get("dnsNames")).containsExactlyInAnyOrder(
                service.getMetadata().getName(), svc, svc + ".svc", svc + ".svc.cluster.local");
        assertThat(map(RenderedManifests.spec(serving), "privateKey"))
                .as("the PEM form the app reads").containsEntry("encoding", "PKCS8");
    }

    @Test
    void certManagerSignsTheServingCertificateWithItsOwnCaIssuedBySelfSignedIssuer() {
        GenericKubernetesResource caIssuer = issuerOf(servingCertificate());
        String caSecret = (String) map(RenderedManifests.spec(caIssuer), "ca").get("secretName");
        GenericKubernetesResource caCertificate = certManager.generic(CERT_MANAGER, "Certificate").stream()
                .filter(certificate -> caSecret.equals(RenderedManifests.spec(certificate).get("secretName")))
                .findFirst().orElseThrow(() -> new AssertionError("no Certificate writes " + caSecret));

        assertThat(RenderedManifests.spec(caCertificate)).containsEntry("isCA", true);
        assertThat(RenderedManifests.spec(issuerOf(caCertificate))).containsKey("selfSigned");
    }

    @Test
    void certManagerInjectsTheServingCertificatesCaIntoTheWebhook() {
        MutatingWebhookConfiguration configuration = certManager.only(MutatingWebhookConfiguration.class);
        GenericKubernetesResource serving = servingCertificate();

        assertThat(configuration.getMetadata().getAnnotations()).containsEntry("cert-manager.io/inject-ca-from",
                serving.getMetadata().getNamespace() + "/" + serving.getMetadata().getName());
        assertThat(webhook(certManager).getClientConfig().getCaBundle())
                .as("a caBundle in the manifest would overwrite the injected one on every apply").isNull();
        assertThat(certManager.all(Secret.class)).as("cert-manager writes the Secret").isEmpty();
    }

    @Test
    void managedOverlayNeedsNothingPreparedAndLeavesCertificatesAndTheBundleToTheInjector() {
        Deployment deployment = managed.only(Deployment.class);
        Map<String, String> env = new java.util.HashMap<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(variable -> variable.getValue() != null).forEach(variable -> env.put(variable.getName(), variable.getValue()));

        assertThat(env).containsEntry("INJECTOR_TLS_MODE", "managed");
        assertThat(managed.managedTls()).isTrue();
        assertThat(List.of(base, selfSigned, certManager)).as("the other kustomizations stay in files mode")
                .noneMatch(RenderedManifests::managedTls);
        assertThat(managed.all(Secret.class)).as("the injector writes both Secrets").isEmpty();
        assertThat(managed.generic(CERT_MANAGER, "Certificate")).isEmpty();
        assertThat(webhook(managed).getClientConfig().getCaBundle())
                .as("a caBundle in the manifest would be reset on every apply; the injector fills it").isNull();
        assertThat(managed.only(MutatingWebhookConfiguration.class).getMetadata().getName())
                .as("the injector.tls.webhook-configuration default").isEqualTo(ApiPermissions.WEBHOOK_CONFIGURATION);
        assertThat(managed.only(Service.class).getMetadata().getName())
                .as("the injector.tls.service-name default").isEqualTo("pull-secret-injector");
    }

    private GenericKubernetesResource servingCertificate() {
        List<GenericKubernetesResource> serving = certManager.generic(CERT_MANAGER, "Certificate").stream()
                .filter(certificate -> TLS_SECRET.equals(RenderedManifests.spec(certificate).get("secretName"))).toList();
        assertThat(serving).as("Certificates writing %s", TLS_SECRET).hasSize(1);
        return serving.get(0);
    }

    private GenericKubernetesResource issuerOf(GenericKubernetesResource certificate) {
        Map<String, Object> issuerRef = map(RenderedManifests.spec(certificate), "issuerRef");
        assertThat(issuerRef.get("kind")).as("a namespaced Issuer: this CA signs nothing else").isEqualTo("Issuer");
        GenericKubernetesResource issuer = certManager.generic(CERT_MANAGER, "Issuer", (String) issuerRef.get("name"));
        assertThat(issuer.getMetadata().getNamespace()).isEqualTo(certificate.getMetadata().getNamespace());
        return issuer;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    /** kustomize wraps long base64 values over several lines; the API server, like the MIME decoder, skips them. */
    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }
}

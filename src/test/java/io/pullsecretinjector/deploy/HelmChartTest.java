package io.pullsecretinjector.deploy;

import static io.pullsecretinjector.deploy.LabelSelectors.selects;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.NAME;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.container;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.namespaceLabels;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.podSpec;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.pullsecretinjector.cluster.ApiPermissions;
import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.config.ConfiguredRules;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.injection.InjectorLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What only the Helm chart has: values that reach the objects, names that follow the release, the certificate modes,
 * and the optional objects. The safety invariants it shares with deploy/ are in {@link ManifestInvariantsTest}.
 */
class HelmChartTest {

    private static final String MANAGED_BY = "cert-manager.io";

    @Test
    void chartPassesStrictLint() {
        LintResult lint = HelmChart.lintStrict();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void defaultReleaseGivesEveryObjectTheNameTheInjectorDefaultsAndApiPermissionsExpect() {
        RenderedManifests chart = HelmChart.release().render("defaults");

        assertThat(chart.managedTls()).as("managed certificates by default").isTrue();
        assertThat(chart.only(Service.class).getMetadata().getName()).isEqualTo(NAME);
        assertThat(chart.only(Deployment.class).getMetadata().getName()).isEqualTo(NAME);
        assertThat(chart.only(MutatingWebhookConfiguration.class).getMetadata().getName())
                .isEqualTo(ApiPermissions.WEBHOOK_CONFIGURATION);
        assertThat(chart.setting("injector.tls.ca-secret", "")).isEqualTo(ApiPermissions.CA_SECRET);
        assertThat(chart.setting("injector.tls.secret", "")).isEqualTo(ApiPermissions.SERVING_SECRET);
        assertThat(webhook(chart).getName()).isEqualTo("inject.pull-secret-injector.io");
    }

    @Test
    void anotherReleaseNameRenamesTheObjectsAndTheInjectorConfigurationFollows() {
        RenderedManifests chart = HelmChart.release().named("edge", "infra").render("release edge");
        String prefix = "edge-pull-secret-injector";

        assertThat(chart.only(Service.class).getMetadata().getName()).isEqualTo(prefix);
        assertThat(chart.setting("injector.tls.service-name", "")).isEqualTo(prefix);
        assertThat(chart.setting("injector.tls.webhook-configuration", "")).isEqualTo(prefix + ".io")
                .isEqualTo(chart.only(MutatingWebhookConfiguration.class).getMetadata().getName());
        assertThat(chart.setting("injector.tls.ca-secret", "")).isEqualTo(prefix + "-ca");
        assertThat(chart.setting("injector.tls.secret", "")).isEqualTo(prefix + "-tls");
        assertThat(chart.setting("injector.namespace", "")).isEqualTo("infra");
    }

    @Test
    void registryMapIsTheMapTheInjectorReads() {
        RenderedManifests chart = HelmChart.release().withValues(ciValues("registries-values.yaml")).render("registries");

        InjectorConfig config = InjectorConfiguration.read(chart.mountedConfiguration(), chart.namespace());

        assertThat(config.registries()).isEqualTo(Map.of(
                "registry.example.com", List.of("regcred"),
                "registry.example.com:5000", List.of("regcred-5000", "regcred"),
                "ghcr.io/acme", List.of("ghcr-acme"),
                "*.dkr.ecr.eu-west-1.amazonaws.com", List.of("ecr-eu-west-1"),
                "https://index.docker.io/v1/", List.of("dockerhub")));
        assertThat(new ConfiguredRules(config).rules()).hasSize(5);
        assertThat(config.sync().enabled()).isFalse();
        assertThat(config.cluster().enabled()).isTrue();
    }

    @Test
    void changingTheRegistryMapRollsThePodsAndRenderingAgainDoesNot() {
        String defaults = configChecksum(HelmChart.release());

        assertThat(configChecksum(HelmChart.release())).as("same values, same Pods").isEqualTo(defaults);
        assertThat(configChecksum(HelmChart.release().withValues(ciValues("registries-values.yaml"))))
                .as("a new registry map").isNotEqualTo(defaults);
        assertThat(configChecksum(HelmChart.release().set("injector.sync.enabled", false)))
                .as("another setting").isNotEqualTo(defaults);
    }

    @Test
    void excludedNamespacesAreAddedToTheBuiltInExclusions() {
        RenderedManifests chart = HelmChart.release().withValues(ciValues("registries-values.yaml")).render("exclusions");
        MutatingWebhook webhook = webhook(chart);
        Map<String, String> optedIn = Map.of(InjectorLabels.ENABLED, InjectorLabels.TRUE);

        for (String excluded : List.of("monitoring", "cert-manager", "kube-system", "kube-node-lease", chart.namespace())) {
            assertThat(selects(webhook.getNamespaceSelector(), namespaceLabels(excluded, optedIn))).as(excluded).isFalse();
        }
        assertThat(selects(webhook.getNamespaceSelector(), namespaceLabels("team-a", optedIn))).isTrue();
    }

    @Test
    void failurePolicyAndTimeoutAreTheValuesGiven() {
        MutatingWebhook webhook = webhook(HelmChart.release().set("webhook.failurePolicy", "Fail")
                .set("webhook.timeoutSeconds", 12).render("fail closed"));

        assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(webhook.getTimeoutSeconds()).isEqualTo(12);
    }

    @Test
    @SuppressWarnings("unchecked")
    void certManagerModeIssuesTheServingCertificateForTheServiceFromItsOwnCaAndInjectsTheCa() {
        RenderedManifests chart = HelmChart.release().named("edge", "infra")
                .withValues(ciValues("cert-manager-values.yaml")).render("cert-manager");
        String service = chart.only(Service.class).getMetadata().getName();
        GenericKubernetesResource serving = chart.generic(MANAGED_BY, "Certificate").stream()
                .filter(certificate -> !Boolean.TRUE.equals(RenderedManifests.spec(certificate).get("isCA")))
                .collect(single());
        GenericKubernetesResource ca = chart.generic(MANAGED_BY, "Certificate").stream()
                .filter(certificate -> Boolean.TRUE.equals(RenderedManifests.spec(certificate).get("isCA")))
                .collect(single());
        Map<String, Object> servingSpec = RenderedManifests.spec(serving);

        assertThat(chart.managedTls()).isFalse();
        assertThat(tlsVolume(chart).getSecret().getSecretName()).isEqualTo(servingSpec.get("secretName"));
        assertThat((List<Object>) servingSpec.get("dnsNames")).contains(service + ".infra.svc", service + ".infra.svc.cluster.local");
        GenericKubernetesResource caIssuer = chart.generic(MANAGED_BY, "Issuer", issuerOf(serving));
        assertThat(RenderedManifests.spec(caIssuer).get("ca")).isEqualTo(Map.of("secretName",
                RenderedManifests.spec(ca).get("secretName")));
        GenericKubernetesResource selfSigned = chart.generic(MANAGED_BY, "Issuer", issuerOf(ca));
        assertThat(RenderedManifests.spec(selfSigned)).containsKey("selfSigned");
        assertThat(chart.only(MutatingWebhookConfiguration.class).getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/inject-ca-from", "infra/" + serving.getMetadata().getName());
        assertThat(webhook(chart).getClientConfig().getCaBundle()).as("left to cainjector").isNull();
    }

    @Test
    void secretModeMountsTheGivenSecretAndTrustsTheGivenCaWhetherPemOrBase64() throws IOException {
        String pem = new ObjectMapper(new YAMLFactory()).readTree(ciValues("secret-values.yaml").toFile())
                .at("/tls/caBundle").asText();
        String base64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));

        RenderedManifests fromPem = HelmChart.release().withValues(ciValues("secret-values.yaml")).render("secret, PEM");
        RenderedManifests fromBase64 = HelmChart.release().set("tls.mode", "secret").set("tls.secretName", "my-tls")
                .set("tls.caBundle", base64).render("secret, base64");

        assertThat(tlsVolume(fromPem).getSecret().getSecretName()).isEqualTo("webhook-serving-tls");
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(decodedCaBundle(fromPem)).isEqualTo(pem.strip());
        assertThat(tlsVolume(fromBase64).getSecret().getSecretName()).isEqualTo("my-tls");
        assertThat(decodedCaBundle(fromBase64)).isEqualTo(pem.strip());
        assertThat(fromPem.all(GenericKubernetesResource.class)).as("no cert-manager objects").isEmpty();
    }

    @Test
    void networkPolicyAdmitsTheWebhookAndMetricsPortsAndLetsThePodReachOnlyTheApiServerAndDns() {
        RenderedManifests chart = HelmChart.release().withValues(ciValues("all-features-values.yaml")).render("all");
        NetworkPolicy policy = chart.only(NetworkPolicy.class);
        Map<String, Integer> containerPorts = container(chart).getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));

        assertThat(selects(policy.getSpec().getPodSelector(),
                chart.only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())).isTrue();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).flatExtracting(rule -> rule.getPorts()).extracting(NetworkPolicyPort::getPort)
                .extracting(port -> containerPorts.getOrDefault(port.getStrVal(), port.getIntVal()))
                .containsExactlyInAnyOrder(8443, 9000);
        assertThat(policy.getSpec().getEgress()).flatExtracting(rule -> rule.getPorts())
                .extracting(port -> port.getPort().getIntVal() + "/" + port.getProtocol())
                .containsExactlyInAnyOrder("443/TCP", "6443/TCP", "53/UDP", "53/TCP");
        assertThat(policy.getSpec().getEgress().get(0).getTo()).extracting(peer -> peer.getIpBlock().getCidr())
                .containsExactly("10.0.0.1/32", "192.168.10.0/24");
    }

    @Test
    void serviceMonitorScrapesTheManagementPortThroughTheService() {
        RenderedManifests chart = HelmChart.release().withValues(ciValues("all-features-values.yaml")).render("all");
        GenericKubernetesResource monitor = chart.generic("monitoring.coreos.com", "ServiceMonitor").get(0);
        Service service = chart.only(Service.class);
        Map<String, Object> spec = RenderedManifests.spec(monitor);
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        ServicePort metrics = service.getSpec().getPorts().stream().filter(port -> endpoint.get("port").equals(port.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("Service has no port " + endpoint.get("port")));

        assertThat(endpoint).containsEntry("path", "/q/metrics");
        assertThat(metrics.getTargetPort()).isEqualTo(new IntOrString("management"));
        @SuppressWarnings("unchecked")
        Map<String, String> matchLabels = ((Map<String, Map<String, String>>) spec.get("selector")).get("matchLabels");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(matchLabels);
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    }

    @Test
    void alertsWatchCertificateExpirySourceSecretsAndSyncConflictsThroughMetricsTheInjectorExports() {
        RenderedManifests chart = HelmChart.release().withValues(ciValues("all-features-values.yaml")).render("all");
        Map<String, String> expressions = alertExpressions(chart.generic("monitoring.coreos.com", "PrometheusRule").get(0));

        assertThat(expressions).containsOnlyKeys("PullSecretInjectorServingCertificateExpiresSoon",
                "PullSecretInjectorSourceSecretMalformed", "PullSecretInjectorSyncConflictsRising");
        // Micrometer's Prometheus names: dots become underscores, a base unit is appended, counters end in _total.
        assertThat(expressions.get("PullSecretInjectorServingCertificateExpiresSoon"))
                .contains("injector_serving_certificate_expiry_seconds{namespace=\"pull-secret-injector\"}")
                .contains("14 * 24 * 3600");
        assertThat(expressions.get("PullSecretInjectorSourceSecretMalformed"))
                .contains(prometheusName(KubeMetrics.SOURCE_SECRETS_MALFORMED) + "{");
        assertThat(expressions.get("PullSecretInjectorSyncConflictsRising"))
                .contains(prometheusName(KubeMetrics.SYNC_CONFLICTS) + "_total{");
    }

    @Test
    void optionalObjectsAreOffByDefault() {
        RenderedManifests chart = HelmChart.release().render("defaults");

        assertThat(chart.all(NetworkPolicy.class)).isEmpty();
        assertThat(chart.all(GenericKubernetesResource.class)).isEmpty();
        assertThat(chart.only(Service.class).getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("webhook");
    }

    @Test
    void schedulingValuesReachThePod() {
        RenderedManifests chart = HelmChart.release().withValues(ciValues("all-features-values.yaml")).render("all");
        var pod = podSpec(chart);

        assertThat(chart.only(Deployment.class).getSpec().getReplicas()).isEqualTo(3);
        assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
        assertThat(pod.getNodeSelector()).containsEntry("node-role.kubernetes.io/infra", "");
        assertThat(pod.getTolerations()).singleElement().satisfies(toleration ->
                assertThat(toleration.getKey()).isEqualTo("node-role.kubernetes.io/infra"));
        assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
        assertThat(pod.getImagePullSecrets()).extracting(reference -> reference.getName()).containsExactly("platform-registry");
        assertThat(container(chart).getImage()).isEqualTo("registry.internal.example/platform/pull-secret-injector:0.1.0-rc.1");
        assertThat(container(chart).getImagePullPolicy()).isEqualTo("Always");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static Path ciValues(String file) {
        return HelmChart.path().resolve("ci").resolve(file);
    }

    private static String configChecksum(HelmChart.Release release) {
        return release.render("checksum").only(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations()
                .get("checksum/config");
    }

    private static Volume tlsVolume(RenderedManifests chart) {
        return podSpec(chart).getVolumes().stream().filter(volume -> volume.getSecret() != null).collect(single());
    }

    private static String decodedCaBundle(RenderedManifests chart) {
        return new String(Base64.getDecoder().decode(webhook(chart).getClientConfig().getCaBundle()),
                StandardCharsets.US_ASCII).strip();
    }

    @SuppressWarnings("unchecked")
    private static String issuerOf(GenericKubernetesResource certificate) {
        return ((Map<String, String>) RenderedManifests.spec(certificate).get("issuerRef")).get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> alertExpressions(GenericKubernetesResource rule) {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) RenderedManifests.spec(rule).get("groups");
        return groups.stream().flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .collect(Collectors.toMap(alert -> (String) alert.get("alert"), alert -> (String) alert.get("expr")));
    }

    private static String prometheusName(String micrometerName) {
        return micrometerName.replace('.', '_');
    }

    private static <T> Collector<T, ?, T> single() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}

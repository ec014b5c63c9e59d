package io.pullsecretinjector.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong values stop {@code helm template}/{@code helm install} with a message naming what to fix (values.schema.json
 * for types, enums and ranges; the chart's own checks for combinations), and unusual but valid ones still render.
 */
class ChartValuesTest {

    @TempDir
    Path dir;

    record Values(String description, String yaml, String message) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Values> rejected() {
        return Stream.of(
                new Values("an unknown certificate mode", "tls: {mode: selfSigned}", "/tls/mode"),
                new Values("a timeout of 0 seconds", "webhook: {timeoutSeconds: 0}", "/webhook/timeoutSeconds"),
                new Values("a timeout over the API server's 30 seconds", "webhook: {timeoutSeconds: 31}",
                        "/webhook/timeoutSeconds"),
                new Values("a timeout given as text", "webhook: {timeoutSeconds: \"5\"}", "/webhook/timeoutSeconds"),
                new Values("a failure policy the API does not know", "webhook: {failurePolicy: Open}",
                        "/webhook/failurePolicy"),
                new Values("a negative replica count", "replicaCount: -1", "/replicaCount"),
                new Values("no replica at all", "replicaCount: 0", "/replicaCount"),
                new Values("registries as a list instead of a map", "registries: [registry.example.com]", "/registries"),
                new Values("registries as text", "registries: registry.example.com=regcred", "/registries"),
                new Values("a registry mapped to one name instead of a list", "registries: {registry.example.com: regcred}",
                        "/registries/registry.example.com"),
                new Values("a registry mapped to no secret", "registries: {registry.example.com: []}",
                        "/registries/registry.example.com"),
                new Values("a secret name Kubernetes refuses", "registries: {registry.example.com: [Reg_Cred]}",
                        "/registries/registry.example.com/0"),
                new Values("a registry pattern with a quote", "registries: {'a\"b.io': [regcred]}", "invalid propertyName 'a\"b.io'"),
                new Values("an excluded namespace that is no namespace name", "webhook: {excludedNamespaces: [Team_A]}",
                        "/webhook/excludedNamespaces/0"),
                new Values("a misspelt key", "webhook: {timeoutSecond: 5}", "timeoutSecond"),
                new Values("an image pull policy the API does not know", "image: {pullPolicy: Sometimes}",
                        "/image/pullPolicy"),
                new Values("a disruption budget below zero", "podDisruptionBudget: {minAvailable: -1}",
                        "/podDisruptionBudget/minAvailable"),
                new Values("a switch given as text", "networkPolicy: {enabled: \"yes\"}", "/networkPolicy/enabled"),
                new Values("secret mode without the Secret's name", "tls: {mode: secret, caBundle: Zm9v}",
                        "tls.mode=secret needs tls.secretName"),
                new Values("secret mode without the CA", "tls: {mode: secret, secretName: my-tls}",
                        "tls.mode=secret needs tls.caBundle"),
                new Values("managed certificates without the Kubernetes API", "injector: {cluster: {enabled: false}}",
                        "tls.mode=managed needs injector.cluster.enabled=true"),
                new Values("a disruption budget that keeps every replica", "replicaCount: 2\npodDisruptionBudget: {minAvailable: 2}",
                        "podDisruptionBudget.minAvailable (2) must be below replicaCount (2)"));
    }

    static Stream<Values> accepted() {
        return Stream.of(
                new Values("one replica without a disruption budget floor", "replicaCount: 1\npodDisruptionBudget: {minAvailable: 0}", ""),
                new Values("a percentage disruption budget", "replicaCount: 4\npodDisruptionBudget: {minAvailable: 50%}", ""),
                new Values("the longest timeout", "webhook: {timeoutSeconds: 30, failurePolicy: Fail}", ""),
                new Values("static rules only, with certificates from a Secret",
                        "tls: {mode: secret, secretName: my-tls, caBundle: Zm9v}\ninjector: {cluster: {enabled: false}}", ""),
                new Values("a parent chart's globals", "global: {imageRegistry: example.com}", ""),
                new Values("optional lists and maps cleared with null",
                        "webhook: {excludedNamespaces: null}\nregistries: null\nnodeSelector: null\ntolerations: null", ""));
    }

    @Test
    void helmInstallChecksValuesAsTemplateDoes() {
        // A client-only dry run: what `helm install` does before it talks to a cluster.
        assertThatThrownBy(() -> install().set("webhook.timeoutSeconds", 31).call())
                .hasMessageContaining("/webhook/timeoutSeconds");

        Release release = install().call();

        assertThat(release.getName()).isEqualTo(HelmChart.RELEASE);
        assertThat(release.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    }

    private static InstallCommand install() {
        return new Helm(HelmChart.path()).install().clientOnly().dryRun().withName(HelmChart.RELEASE)
                .withNamespace(HelmChart.NAMESPACE);
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("rejected")
    void wrongValuesStopRenderingWithAMessage(Values values) throws IOException {
        HelmChart.Release release = HelmChart.release().withValues(Files.writeString(dir.resolve("values.yaml"), values.yaml()));

        assertThatThrownBy(release::template).isInstanceOf(IllegalStateException.class).hasMessageContaining(values.message());
    }

    @ParameterizedTest(name = "{0} renders")
    @MethodSource("accepted")
    void unusualButValidValuesRender(Values values) throws IOException {
        HelmChart.Release release = HelmChart.release().withValues(Files.writeString(dir.resolve("values.yaml"), values.yaml()));

        assertThat(release.template()).contains("kind: Deployment");
    }
}

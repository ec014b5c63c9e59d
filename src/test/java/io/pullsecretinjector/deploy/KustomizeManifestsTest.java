package io.pullsecretinjector.deploy;

import static io.pullsecretinjector.deploy.ManifestInvariantsTest.NAME;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.NAMESPACE;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.TLS_SECRET;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.configVolume;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.container;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What only the kustomize install path has: it creates its Namespace, names every object itself, and rolls Pods
 * through the ConfigMap's hash suffix. The safety invariants both paths share are in {@link ManifestInvariantsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KustomizeManifestsTest {

    private List<RenderedManifests> renderings;

    @BeforeAll
    void renderBaseAndOverlays(@TempDir Path workDir) {
        renderings = Installations.kustomizations(workDir);
    }

    List<RenderedManifests> renderings() {
        return renderings;
    }

    List<RenderedManifests> fileModeRenderings() {
        return renderings.stream().filter(manifests -> !manifests.managedTls()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void namespaceIsCreatedAndEnforcesTheRestrictedPodSecurityStandard(RenderedManifests manifests) {
        Namespace namespace = manifests.only(Namespace.class);

        assertThat(namespace.getMetadata().getName()).isEqualTo(NAMESPACE).isEqualTo(manifests.namespace());
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(manifests.only(Deployment.class).getMetadata().getName()).isEqualTo(NAME);
        assertThat(manifests.only(Service.class).getMetadata().getName()).isEqualTo(NAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void configurationIsAGeneratedConfigMapSoAChangeRollsThePods(RenderedManifests manifests) {
        assertThat(configVolume(manifests).getConfigMap().getName()).as("hash suffix from configMapGenerator")
                .matches("pull-secret-injector-config-[a-z0-9]{10}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void imageIsSetByKustomize(RenderedManifests manifests) {
        assertThat(container(manifests).getImage()).startsWith("ghcr.io/pull-secret-injector/pull-secret-injector:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileModeRenderings")
    void podsMountTheServingSecretTheOverlaysProvide(RenderedManifests manifests) {
        assertThat(podSpec(manifests).getVolumes()).anySatisfy(volume -> {
            assertThat(volume.getSecret()).isNotNull();
            assertThat(volume.getSecret().getSecretName()).isEqualTo(TLS_SECRET);
        });
    }
}

package io.pullsecretinjector.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The objects one installation renders to (a kustomization, or the Helm chart with a set of values), parsed into
 * fabric8 model types (unknown kinds stay generic).
 *
 * @param name      how test reports name this rendering
 * @param namespace the namespace the injector is installed in: every namespaced object must state it
 */
record RenderedManifests(String name, String namespace, List<HasMetadata> objects) {

    /** The namespace deploy/base installs into. */
    static final String KUSTOMIZE_NAMESPACE = "pull-secret-injector";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Renders {@code kustomization} with {@code kubectl kustomize}, which is what {@code kubectl apply -k} sends. */
    static RenderedManifests render(String name, Path kustomization) {
        return parse(name, KUSTOMIZE_NAMESPACE, kustomize(kustomization).assertSuccess().stdout());
    }

    /** Multi-document YAML as {@code kubectl kustomize} or {@code helm template} prints it. */
    static RenderedManifests parse(String name, String namespace, String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<?> objects = parsed instanceof List<?> list ? list : List.of(parsed);
        return new RenderedManifests(name, namespace,
                objects.stream().filter(Objects::nonNull).map(HasMetadata.class::cast).toList());
    }

    static Commands.Result kustomize(Path kustomization) {
        String kubectl = Commands.require("kubectl", "KUBECTL",
                "the deploy/ manifests are rendered with `kubectl kustomize` (kubectl 1.27 or later); install it");
        return Commands.run(kustomization, kubectl, "kustomize", kustomization.toString());
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The single object of {@code type}; fails when there is none or several. */
    <T extends HasMetadata> T only(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("%s objects of kind %s", name, type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    <T extends HasMetadata> T named(Class<T> type, String objectName) {
        return all(type).stream().filter(object -> objectName.equals(object.getMetadata().getName())).findFirst()
                .orElseGet(() -> fail(name + " has no " + type.getSimpleName() + " named " + objectName));
    }

    /** Objects of a kind the fabric8 model does not know (cert-manager's), by API group and kind. */
    List<GenericKubernetesResource> generic(String group, String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(object -> object.getApiVersion().startsWith(group + "/") && kind.equals(object.getKind()))
                .toList();
    }

    GenericKubernetesResource generic(String group, String kind, String objectName) {
        return generic(group, kind).stream().filter(object -> objectName.equals(object.getMetadata().getName()))
                .findFirst().orElseGet(() -> fail(name + " has no " + kind + " named " + objectName));
    }

    /** {@code spec} of a generic object as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
    }

    /**
     * The value of an {@code injector.*} or {@code quarkus.*} setting as the injector's Pods read it: a literal
     * environment variable of the container (SmallRye's name mapping, {@code injector.tls.mode} ->
     * {@code INJECTOR_TLS_MODE}), else the application.properties mounted from a ConfigMap, else
     * {@code defaultValue}.
     */
    String setting(String key, String defaultValue) {
        String variable = key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        return container().getEnv().stream().filter(env -> variable.equals(env.getName()) && env.getValue() != null)
                .map(EnvVar::getValue).findFirst()
                .orElseGet(() -> mountedConfiguration().getProperty(key, defaultValue));
    }

    /** Whether the injector issues its own certificates ({@code injector.tls.mode=managed}). */
    boolean managedTls() {
        return "managed".equals(setting("injector.tls.mode", "files"));
    }

    /** The application.properties of the ConfigMap mounted into the container (empty when there is none). */
    Properties mountedConfiguration() {
        Properties properties = new Properties();
        deployment().getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getConfigMap() != null)
                .map(volume -> named(ConfigMap.class, volume.getConfigMap().getName()).getData())
                .filter(data -> data != null && data.containsKey(ServerContract.CONFIG_FILE))
                .findFirst().ifPresent(data -> {
                    try {
                        properties.load(new StringReader(data.get(ServerContract.CONFIG_FILE)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return properties;
    }

    private Deployment deployment() {
        return only(Deployment.class);
    }

    private Container container() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Override
    public String toString() {
        return name;
    }
}

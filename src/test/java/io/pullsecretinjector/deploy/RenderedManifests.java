package io.pullsecretinjector.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The objects one kustomization renders to, parsed into fabric8 model types (unknown kinds stay generic). */
record RenderedManifests(String name, List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Renders {@code kustomization} with {@code kubectl kustomize}, which is what {@code kubectl apply -k} sends. */
    static RenderedManifests render(String name, Path kustomization) {
        String yaml = kustomize(kustomization).assertSuccess().stdout();
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<?> objects = parsed instanceof List<?> list ? list : List.of(parsed);
        return new RenderedManifests(name, objects.stream().map(HasMetadata.class::cast).toList());
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

    @Override
    public String toString() {
        return name;
    }
}

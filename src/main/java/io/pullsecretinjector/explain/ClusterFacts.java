package io.pullsecretinjector.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespace;
import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.SecretDirectory;
import io.pullsecretinjector.sources.SourceSecret;
import io.pullsecretinjector.sources.SourceSecrets;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * What the caches say about a namespace and the secrets a Pod there would reference, in words. Reads the same
 * caches admission reads ({@link SecretDirectory} for "will the secret be there"), never the API server.
 */
@Singleton
class ClusterFacts {

    private final ClusterCaches caches;
    private final SecretDirectory secrets;
    private final SourceSecrets sources;

    ClusterFacts(ClusterCaches caches, SecretDirectory secrets, SourceSecrets sources) {
        this.caches = caches;
        this.secrets = secrets;
        this.sources = sources;
    }

    /**
     * @param state  {@code opted-in} (label {@code "true"}), {@code audit} (label {@code "audit"}), {@code off}
     *               (any other value, or none), or {@code unknown} (not in the cache)
     * @param label  the value of {@code pull-secret-injector.io/enabled}, if any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NamespaceState(String name, String state, String label, String detail) {
    }

    /**
     * @param status {@code present}, {@code will-be-synced}, {@code missing} or {@code unknown}
     */
    record SecretStatus(String name, String status, String detail) {
    }

    String injectorNamespace() {
        return caches.injectorNamespace();
    }

    NamespaceState namespace(String name) {
        if (!caches.enabled()) {
            return new NamespaceState(name, "unknown", null, "injector.cluster.enabled=false: the webhook "
                    + "configuration's namespaceSelector alone decides");
        }
        if (!caches.namespacesSynced()) {
            return new NamespaceState(name, "unknown", null, "the namespace cache has not synced yet: the webhook "
                    + "configuration's namespaceSelector alone decides");
        }
        Namespace namespace = caches.namespace(name).orElse(null);
        if (namespace == null) {
            return new NamespaceState(name, "unknown", null, "not in the namespace cache (just created, or does not "
                    + "exist): the webhook configuration's namespaceSelector alone decides");
        }
        Map<String, String> labels = namespace.getMetadata().getLabels();
        String label = labels == null ? null : labels.get(InjectorLabels.ENABLED);
        if (InjectorLabels.TRUE.equals(label)) {
            return new NamespaceState(name, "opted-in", label, "Pods here get their secrets");
        }
        if (InjectorLabels.AUDIT.equals(label)) {
            return new NamespaceState(name, "audit", label, "Pods here are evaluated and reported, never changed");
        }
        return new NamespaceState(name, "off", label, "Pods here are left alone: label the namespace "
                + InjectorLabels.ENABLED + "=true (or audit) to opt it in");
    }

    SecretStatus secret(String namespace, String name) {
        if (!caches.enabled()) {
            return new SecretStatus(name, "unknown", "injector.cluster.enabled=false: the injector does not look");
        }
        if (!caches.secretsSynced()) {
            return new SecretStatus(name, "unknown", "the secret cache has not synced yet");
        }
        if (caches.secret(namespace, name).isPresent()) {
            return new SecretStatus(name, "present", "in namespace " + namespace);
        }
        return switch (secrets.presence(namespace, name)) {
            case AVAILABLE -> new SecretStatus(name, "will-be-synced", "sync copies it from source secret "
                    + source(name));
            case MISSING -> new SecretStatus(name, "missing", "not in namespace " + namespace + " and sync will "
                    + "not provide it: image pulls that need it fail until it is created");
            case UNKNOWN -> new SecretStatus(name, "unknown", "not in namespace " + namespace + "; whether sync "
                    + "provides it depends on the namespace's opt-in, which the cache does not know");
        };
    }

    private String source(String name) {
        SourceSecret source = sources.current().get(name);
        return source == null ? caches.injectorNamespace() + "/" + name : source.reference();
    }
}

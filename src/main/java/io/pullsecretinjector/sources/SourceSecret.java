package io.pullsecretinjector.sources;

import io.pullsecretinjector.caches.DataFingerprint;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.Map;

/**
 * A source secret, as sync and the learnt rules need it: one in the injector's namespace (synced, rules for every
 * namespace), or a namespace-local one (rules for its own namespace only, never synced, {@code data} always empty).
 *
 * @param namespace       the injector's namespace, or the namespace of a namespace-local source
 * @param name            secret name, also the name of every copy and of the injected {@code imagePullSecrets} entry
 * @param uid             for Events on the secret
 * @param resourceVersion to report each version of a malformed secret once
 * @param type            Secret type, copied as is
 * @param data            base64 data, copied as is; never printed ({@link #toString()} leaves it out); empty for a
 *                        namespace-local source
 * @param config          its registry keys and, if unusable, why
 */
public record SourceSecret(String namespace, String name, String uid, String resourceVersion, String type,
                           Map<String, String> data, DockerConfig config) {

    public SourceSecret {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static SourceSecret of(Secret secret, DockerConfig config) {
        return new SourceSecret(secret.getMetadata().getNamespace(), secret.getMetadata().getName(),
                secret.getMetadata().getUid(), secret.getMetadata().getResourceVersion(), secret.getType(),
                secret.getData(), config);
    }

    public boolean usable() {
        return config.usable();
    }

    /** {@code <namespace>/<name>}, the value of the source annotation on copies. */
    public String reference() {
        return namespace + "/" + name;
    }

    public String fingerprint() {
        return DataFingerprint.of(data);
    }

    @Override
    public String toString() {
        return "SourceSecret[" + reference() + ", type=" + type + ", keys=" + config.keys().size()
                + (usable() ? "" : ", unusable") + "]";
    }
}

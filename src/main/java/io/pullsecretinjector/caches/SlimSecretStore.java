package io.pullsecretinjector.caches;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.sources.DockerConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Informer item store that keeps credentials only where they are needed. Secrets of the injector's own namespace are
 * kept whole (sync copies their data); every other secret is kept as name, type, labels and annotations only, so the
 * pull secrets of the whole cluster do not sit in the webhook's heap. For copies pull-secret-injector manages, a
 * fingerprint of the dropped data is kept so sync can see a stale or hand-edited copy. For a namespace-local source
 * (a pull secret labelled {@code pull-secret-injector.io/source: "true"} outside the injector's namespace) only what
 * its docker config says about registries is kept: its {@code auths} keys and whether it is usable, never a credential.
 * That is read here, from the full object, because handlers may only ever be shown the slim one (informer resyncs,
 * and handlers registered after the first list).
 *
 * <p>fabric8 7.5.2 has no metadata-only (PartialObjectMetadata) list/watch (fabric8io/kubernetes-client#5716), and
 * metadata alone would lose {@code type} anyway; hence this store. Event handlers still see each full object once,
 * while it is delivered.
 */
public final class SlimSecretStore implements ItemStore<Secret> {

    private final String fullNamespace;
    private final BasicItemStore<Secret> items = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();
    private final Function<Secret, DockerConfig> registryKeysReader;
    private final Map<String, DockerConfig> namespaceSources = new ConcurrentHashMap<>();

    SlimSecretStore(String fullNamespace, Function<Secret, DockerConfig> registryKeysReader) {
        this.fullNamespace = fullNamespace;
        this.registryKeysReader = registryKeysReader;
    }

    /** The registry keys of a namespace-local source secret, or {@code null} if the secret is not one. */
    DockerConfig namespaceSource(String namespace, String name) {
        return namespaceSources.get(namespace + "/" + name);
    }

    /** Fingerprint of the data of a managed copy, or {@code null} if the secret is unknown or not managed. */
    String fingerprint(String namespace, String name) {
        return fingerprints.get(namespace + "/" + name);
    }

    @Override
    public String getKey(Secret secret) {
        return items.getKey(secret);
    }

    @Override
    public Secret put(String key, Secret secret) {
        if (fullNamespace.equals(secret.getMetadata().getNamespace())) {
            fingerprints.remove(key);
            namespaceSources.remove(key);
            return items.put(key, secret);
        }
        Map<String, String> labels = secret.getMetadata().getLabels();
        boolean managed = labels != null && InjectorLabels.MANAGED_BY_VALUE.equals(labels.get(InjectorLabels.MANAGED_BY));
        // A copy made by sync is never a team's source, whatever its labels say: it would only repeat global rules.
        if (!managed && labels != null && InjectorLabels.TRUE.equals(labels.get(InjectorLabels.SOURCE))) {
            namespaceSources.put(key, registryKeysReader.apply(secret));
        } else {
            namespaceSources.remove(key);
        }
        if (managed) {
            fingerprints.put(key, DataFingerprint.of(secret.getData()));
        } else {
            fingerprints.remove(key);
        }
        return items.put(key, slim(secret));
    }

    private static Secret slim(Secret secret) {
        return new SecretBuilder(secret)
                .withData(null)
                .withStringData(null)
                .editMetadata().withManagedFields().endMetadata()
                .build();
    }

    @Override
    public Secret remove(String key) {
        fingerprints.remove(key);
        namespaceSources.remove(key);
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet();
    }

    @Override
    public Stream<Secret> values() {
        return items.values();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public Secret get(String key) {
        return items.get(key);
    }
}

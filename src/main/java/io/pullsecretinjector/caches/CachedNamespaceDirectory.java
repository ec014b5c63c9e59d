package io.pullsecretinjector.caches;

import io.fabric8.kubernetes.api.model.Namespace;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.NamespaceDirectory;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Namespace opt-in from the namespace informer. A namespace the cache has not seen (cache not synced, API
 * unreachable, namespace just created) is UNKNOWN: the API server's namespaceSelector has already filtered it.
 */
@Singleton
public class CachedNamespaceDirectory implements NamespaceDirectory {

    private final ClusterCaches caches;

    public CachedNamespaceDirectory(ClusterCaches caches) {
        this.caches = caches;
    }

    @Override
    public OptIn optIn(String namespace) {
        if (!caches.namespacesSynced()) {
            return OptIn.UNKNOWN;
        }
        return caches.namespace(namespace)
                .map(ns -> optedIn(ns) ? OptIn.OPTED_IN : OptIn.OPTED_OUT)
                .orElse(OptIn.UNKNOWN);
    }

    public static boolean optedIn(Namespace namespace) {
        Map<String, String> labels = namespace.getMetadata().getLabels();
        return labels != null && InjectorLabels.TRUE.equals(labels.get(InjectorLabels.ENABLED));
    }
}

package io.pullsecretinjector.caches;

import io.fabric8.kubernetes.api.model.Namespace;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.NamespaceDirectory;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Namespace opt-in from the namespace informer. A namespace the cache has not seen (cache not synced, API
 * unreachable, namespace just created) is UNKNOWN: the API server's namespaceSelector has already filtered it, and
 * the Pod is decided as opted in (so an audit namespace the cache does not know yet is patched, not audited).
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
                .map(CachedNamespaceDirectory::optIn)
                .orElse(OptIn.UNKNOWN);
    }

    static OptIn optIn(Namespace namespace) {
        Map<String, String> labels = namespace.getMetadata().getLabels();
        String value = labels == null ? null : labels.get(InjectorLabels.ENABLED);
        if (InjectorLabels.TRUE.equals(value)) {
            return OptIn.OPTED_IN;
        }
        return InjectorLabels.AUDIT.equals(value) ? OptIn.AUDIT : OptIn.OPTED_OUT;
    }

    /** Opted in for writing: sync copies secrets only here. An audit namespace is not: nothing is changed there. */
    public static boolean optedIn(Namespace namespace) {
        return optIn(namespace) == OptIn.OPTED_IN;
    }
}

package io.pullsecretinjector.caches;

import io.pullsecretinjector.sources.SourceSecrets;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.injection.NamespaceDirectory;
import io.pullsecretinjector.injection.SecretDirectory;
import jakarta.inject.Singleton;

/**
 * Whether a Pod's pull secret will be there: present in the secret cache, or about to be copied by sync. MISSING is
 * only said when the secret cache is synced and sync will not provide the secret; anything uncertain is UNKNOWN, so
 * an outage never produces false warnings.
 */
@Singleton
public class CachedSecretDirectory implements SecretDirectory {

    private final ClusterCaches caches;
    private final SourceSecrets sources;
    private final NamespaceDirectory namespaces;
    private final boolean syncEnabled;

    public CachedSecretDirectory(ClusterCaches caches, SourceSecrets sources, CachedNamespaceDirectory namespaces,
                                 InjectorConfig config) {
        this.caches = caches;
        this.sources = sources;
        this.namespaces = namespaces;
        this.syncEnabled = config.sync().enabled();
    }

    @Override
    public Presence presence(String namespace, String secretName) {
        if (!caches.secretsSynced()) {
            return Presence.UNKNOWN;
        }
        if (caches.secret(namespace, secretName).isPresent()) {
            return Presence.AVAILABLE;
        }
        if (!syncEnabled || namespace.equals(caches.injectorNamespace())) {
            return Presence.MISSING;
        }
        boolean syncable = sources.current().get(secretName) != null && sources.current().get(secretName).usable();
        if (!syncable) {
            return Presence.MISSING;
        }
        return switch (namespaces.optIn(namespace)) {
            // Audit decides as if opted in, and once opted in, sync provides the secret: not worth a warning.
            case OPTED_IN, AUDIT -> Presence.AVAILABLE;
            case OPTED_OUT -> Presence.MISSING;
            case UNKNOWN -> Presence.UNKNOWN;
        };
    }
}

package io.pullsecretinjector.caches;

import io.pullsecretinjector.sources.NamespaceSources;
import io.pullsecretinjector.sources.SourceSecrets;
import io.pullsecretinjector.sync.SyncService;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Reports the caches in {@code /q/health/ready} but is always UP: readiness means "can answer admission correctly",
 * and it can, from the static map, while the caches are behind. Gating readiness on the caches would take every
 * replica out of the Service during an API outage, and under {@code failurePolicy: Ignore} Pods would then be
 * created without their secrets. Only states and counts are shown, never secret data.
 */
@Readiness
@Singleton
public class CacheHealthCheck implements HealthCheck {

    static final String NAME = "kubernetes-caches";

    private final ClusterCaches caches;
    private final SourceSecrets sources;
    private final NamespaceSources namespaceSources;
    private final SyncService sync;

    public CacheHealthCheck(ClusterCaches caches, SourceSecrets sources, NamespaceSources namespaceSources,
                            SyncService sync) {
        this.caches = caches;
        this.sources = sources;
        this.namespaceSources = namespaceSources;
        this.sync = sync;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME).up().withData("cluster", caches.enabled() ? "enabled" : "disabled");
        if (!caches.enabled()) {
            return response.withData("rules", "static injector.registries map only").build();
        }
        return response
                .withData("api", caches.apiReachable() ? "reachable" : "unreachable")
                .withData("namespaces", caches.namespacesCurrent() ? "synced" : "behind")
                .withData("secrets", caches.secretsCurrent() ? "synced" : "behind")
                .withData("sourceSecrets", sources.current().size())
                .withData("malformedSourceSecrets", sources.malformed().size())
                .withData("namespaceSourceSecrets", namespaceSources.all().values().stream().mapToLong(Map::size).sum())
                .withData("malformedNamespaceSourceSecrets", namespaceSources.malformed().size())
                .withData("sync", sync.syncEnabled() ? "enabled" : "disabled")
                .withData("leader", sync.leading())
                .build();
    }
}

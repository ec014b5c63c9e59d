package io.pullsecretinjector.caches;

import io.pullsecretinjector.cluster.KubeMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/** {@code injector_cache_synced{cache="namespaces"|"secrets"}}: 1 while the cache is synced and watching. */
@Startup
@Singleton
public class CacheGauges {

    public CacheGauges(ClusterCaches caches, MeterRegistry meters) {
        Gauge.builder(KubeMetrics.CACHE_SYNCED, caches, c -> c.namespacesCurrent() ? 1 : 0).tag("cache", "namespaces")
                .description("1 while the cache is synced with the API server and watching, else 0")
                .register(meters);
        Gauge.builder(KubeMetrics.CACHE_SYNCED, caches, c -> c.secretsCurrent() ? 1 : 0).tag("cache", "secrets")
                .description("1 while the cache is synced with the API server and watching, else 0")
                .register(meters);
    }
}

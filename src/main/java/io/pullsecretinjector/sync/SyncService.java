package io.pullsecretinjector.sync;

import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.sources.NamespaceSources;
import io.pullsecretinjector.sources.SourceSecrets;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.config.InjectorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * This replica's sync candidate, started with the application when the cluster is enabled. It always joins leader
 * election: the leader writes the Events about malformed source secrets even when {@code injector.sync.enabled=false},
 * so that replicas do not write one Event each.
 */
@Singleton
public class SyncService {

    private final Optional<SecretSync> sync;
    private final boolean syncEnabled;

    public SyncService(InjectorConfig config, ClusterCaches caches, SourceSecrets sources,
                       NamespaceSources namespaceSources, Instance<KubernetesClient> clients, MeterRegistry meters) {
        this.syncEnabled = config.sync().enabled();
        this.sync = caches.enabled()
                ? Optional.of(new SecretSync(caches, sources, namespaceSources, clients.get(), new SecretSync.SyncSettings(
                        syncEnabled, config.sync().leaseName(), config.sync().identity()), meters))
                : Optional.empty();
    }

    void start(@Observes StartupEvent event) {
        sync.ifPresent(SecretSync::start);
    }

    void stop(@Observes ShutdownEvent event) {
        sync.ifPresent(SecretSync::stop);
    }

    public boolean syncEnabled() {
        return syncEnabled;
    }

    public boolean leading() {
        return sync.map(SecretSync::leading).orElse(false);
    }

    /** The running candidate, for tests that stop it to prove a fail-over. */
    Optional<SecretSync> candidate() {
        return sync;
    }
}

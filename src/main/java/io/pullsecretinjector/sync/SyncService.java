package io.pullsecretinjector.sync;

import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.sources.NamespaceSources;
import io.pullsecretinjector.sources.SourceSecrets;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.leader.Leadership;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * This replica's sync controller, created with the application when the cluster is enabled. It follows the replica's
 * one leader election ({@link Leadership}) even with sync disabled: the leader writes the Events about malformed source secrets even when {@code injector.sync.enabled=false},
 * so that replicas do not write one Event each.
 */
@Singleton
public class SyncService {

    private final Optional<SecretSync> sync;
    private final boolean syncEnabled;
    private final Leadership leadership;

    public SyncService(InjectorConfig config, ClusterCaches caches, SourceSecrets sources,
                       NamespaceSources namespaceSources, Leadership leadership, Instance<KubernetesClient> clients,
                       MeterRegistry meters) {
        this.syncEnabled = config.sync().enabled();
        this.leadership = leadership;
        this.sync = leadership.election().map(election -> new SecretSync(caches, sources, namespaceSources,
                clients.get(), election, syncEnabled, meters));
    }

    void start(@Observes StartupEvent event) {
        // Created at start-up so that it is listening when the shared election is won.
    }

    void stop(@Observes ShutdownEvent event) {
        sync.ifPresent(SecretSync::stop);
    }

    public boolean syncEnabled() {
        return syncEnabled;
    }

    public boolean leading() {
        return leadership.leading();
    }

}

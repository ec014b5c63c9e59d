package io.pullsecretinjector.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.config.InjectorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * This replica's one {@link LeaderElection} (Lease {@code injector.sync.lease-name}), shared by every controller that
 * writes: secret sync (also when {@code injector.sync.enabled=false}, for its Events) and managed certificates. One
 * Lease keeps one writer for everything and one set of RBAC rules for it. Joins once the caches have synced: a leader
 * without caches could only guess. Absent when the cluster is disabled.
 */
@Singleton
public class Leadership {

    private final Optional<LeaderElection> election;
    private final ClusterCaches caches;

    public Leadership(InjectorConfig config, ClusterCaches caches, Instance<KubernetesClient> clients,
                      MeterRegistry meters) {
        this.caches = caches;
        this.election = caches.enabled()
                ? Optional.of(new LeaderElection(clients.get(), caches.injectorNamespace(), config.sync().leaseName(),
                        config.sync().identity()))
                : Optional.empty();
        election.ifPresent(e -> Gauge.builder(KubeMetrics.LEADER, e, candidate -> candidate.leading() ? 1 : 0)
                .description("1 while this replica holds the Lease and writes copies, Events and certificates")
                .register(meters));
    }

    void start(@Observes StartupEvent event) {
        election.ifPresent(e -> caches.firstSync().thenRun(e::start));
    }

    void stop(@Observes ShutdownEvent event) {
        election.ifPresent(LeaderElection::stop);
    }

    /** The election, when the cluster is enabled. */
    public Optional<LeaderElection> election() {
        return election;
    }

    public boolean leading() {
        return election.map(LeaderElection::leading).orElse(false);
    }
}

package io.pullsecretinjector.sync;

import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.caches.CachedNamespaceDirectory;
import io.pullsecretinjector.sources.NamespaceSources;
import io.pullsecretinjector.sources.SourceSecrets;
import io.pullsecretinjector.leader.LeaderElection;
import io.pullsecretinjector.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The sync controller of one replica: reconciles on every cache change (coalesced) and after failures, but acts only
 * while it holds the Lease, so one replica writes at a time while every replica serves admission. Each pass plans
 * from the caches ({@link SyncPlanner}), reports malformed sources and conflicts ({@link SyncReports}) and writes
 * the copies ({@link CopyWriter}). The election is the replica's one {@code leader.Leadership}. With {@code injector.sync.enabled=false} the leader only writes Events.
 */
public final class SecretSync {

    private static final Logger LOG = Logger.getLogger(SecretSync.class);
    private static final long COALESCE_MILLIS = 200;
    private static final long RETRY_MILLIS = 5_000;

    private final ClusterCaches caches;
    private final SourceSecrets sources;
    private final NamespaceSources namespaceSources;
    private final boolean syncEnabled;
    private final SyncPlanner planner;
    private final LeaderElection election;
    private final CopyWriter writer;
    private final SyncReports reports;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();

    public SecretSync(ClusterCaches caches, SourceSecrets sources, NamespaceSources namespaceSources,
                      KubernetesClient client, LeaderElection election, boolean syncEnabled, MeterRegistry meters) {
        this.caches = caches;
        this.sources = sources;
        this.namespaceSources = namespaceSources;
        this.syncEnabled = syncEnabled;
        this.planner = new SyncPlanner(caches.injectorNamespace(), caches::fingerprint);
        this.election = election;
        this.writer = new CopyWriter(client, election::leading, meters);
        this.reports = new SyncReports(new EventRecorder(client, election.identity()), meters);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "secret-sync-" + election.identity());
            thread.setDaemon(true);
            return thread;
        });
        election.onChange(this::trigger, () -> { });
        caches.onSecretChange((before, after) -> {
            writer.seen(before, after);
            trigger();
        });
        caches.onNamespaceChange((before, after) -> trigger());
        sources.onChange(this::trigger);
        namespaceSources.onChange(namespace -> trigger());
    }

    /** Stops reconciling; the election belongs to {@code leader.Leadership} and is stopped there. */
    public void stop() {
        executor.shutdownNow();
    }

    public boolean leading() {
        return election.leading();
    }

    /** Writes of copies by this instance since it started. */
    public long writes() {
        return writer.writes();
    }

    void trigger() {
        if (pending.compareAndSet(false, true)) {
            schedule(COALESCE_MILLIS);
        }
    }

    private void schedule(long delayMillis) {
        if (!executor.isShutdown()) {
            executor.schedule(this::reconcile, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void reconcile() {
        pending.set(false);
        if (!election.leading()) {
            return;
        }
        if (!caches.namespacesSynced() || !caches.secretsSynced()) {
            trigger();
            return;
        }
        try {
            reports.malformed(sources.malformed());
            // Namespace-local sources are only reported, never copied: the planner sees global sources only.
            reports.malformedNamespaceSources(namespaceSources.malformed());
            if (!syncEnabled) {
                return;
            }
            List<SyncAction> actions = planner.plan(sources.current(), targets(), terminating(),
                    caches.pullSecrets().toList());
            boolean complete = true;
            for (SyncAction action : actions) {
                if (action instanceof SyncAction.Conflict conflict) {
                    reports.conflict(conflict.existing(), conflict.source());
                } else {
                    complete &= writer.apply(action, reports);
                }
            }
            if (!complete) {
                schedule(RETRY_MILLIS);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Secret sync pass failed, retrying in %d s: %s", RETRY_MILLIS / 1000, e.toString());
            schedule(RETRY_MILLIS);
        }
    }

    private Set<String> targets() {
        return caches.namespaces().stream()
                .filter(CachedNamespaceDirectory::optedIn)
                .filter(ns -> !terminating(ns))
                .map(ns -> ns.getMetadata().getName())
                .filter(name -> !name.equals(caches.injectorNamespace()))
                .collect(Collectors.toSet());
    }

    private Set<String> terminating() {
        return caches.namespaces().stream().filter(SecretSync::terminating)
                .map(ns -> ns.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static boolean terminating(Namespace namespace) {
        return namespace.getStatus() != null && "Terminating".equals(namespace.getStatus().getPhase());
    }

}

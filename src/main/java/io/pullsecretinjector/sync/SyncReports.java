package io.pullsecretinjector.sync;

import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.sources.SourceSecret;
import io.pullsecretinjector.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Secret;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.injection.InjectorLabels;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports what sync refuses to do, once per version of the object concerned: a log line, a Warning Event on the
 * secret, and for conflicts {@code injector_sync_conflicts_total}. Runs on the leader only, so replicas do not
 * repeat each other's Events.
 */
public final class SyncReports {

    public static final String REASON_MALFORMED = "MalformedSourceSecret";
    static final String REASON_CONFLICT = "PullSecretSyncConflict";
    private static final Logger LOG = Logger.getLogger(SyncReports.class);
    private static final int REMEMBERED = 10_000;

    private final EventRecorder events;
    private final Counter conflicts;
    /** Reports already made; bounded, since every key names one object version. */
    private final Set<String> reported = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    SyncReports(EventRecorder events, MeterRegistry meters) {
        this.events = events;
        this.conflicts = Counter.builder(KubeMetrics.SYNC_CONFLICTS)
                .description("Copies not written because a secret not managed by pull-secret-injector has the name")
                .register(meters);
    }

    /** Event on each malformed source secret (its log line and gauge come from {@link SourceSecrets}). */
    void malformed(List<SourceSecret> malformed) {
        malformed(malformed, "Not synced and not used for registry rules: ");
    }

    /**
     * Event on each malformed namespace-local source secret (its log line and gauge come from
     * {@link io.pullsecretinjector.sources.NamespaceSources}).
     */
    void malformedNamespaceSources(List<SourceSecret> malformed) {
        malformed(malformed, "Not used for the registry rules of this namespace: ");
    }

    private synchronized void malformed(List<SourceSecret> malformed, String consequence) {
        for (SourceSecret source : malformed) {
            if (reported.add("malformed/" + source.uid() + "/" + source.resourceVersion())) {
                events.warn(source.namespace(), source.name(), source.uid(), REASON_MALFORMED,
                        consequence + source.config().problem());
            }
        }
    }

    synchronized void conflict(Secret existing, SourceSecret source) {
        String where = ClusterCaches.key(existing);
        if (reported.add("conflict/" + existing.getMetadata().getUid() + "/"
                + existing.getMetadata().getResourceVersion() + "/" + source.reference())) {
            conflicts.increment();
            LOG.warnf("Secret sync: %s is not managed by pull-secret-injector (no label %s=%s); not overwriting it "
                    + "with %s", where, InjectorLabels.MANAGED_BY,
                    InjectorLabels.MANAGED_BY_VALUE, source.reference());
            events.warn(existing.getMetadata().getNamespace(), existing.getMetadata().getName(),
                    existing.getMetadata().getUid(), REASON_CONFLICT,
                    "Not managed by pull-secret-injector, so source secret " + source.reference()
                            + " is not copied over it; delete or rename it to let sync create the copy");
        }
    }

    /** A secret of a non-pull type holds the name of a copy: reported on the source secret. */
    synchronized void nameTaken(String namespace, SourceSecret source) {
        if (reported.add("taken/" + namespace + "/" + source.name() + "/" + source.resourceVersion())) {
            conflicts.increment();
            LOG.warnf("Secret sync: a secret %s/%s that is not a pull secret already exists; not copying %s there",
                    namespace, source.name(), source.reference());
            events.warn(source.namespace(), source.name(), source.uid(), REASON_CONFLICT,
                    "Not copied to namespace " + namespace + ": a secret of that name, not managed by "
                            + "pull-secret-injector, exists there");
        }
    }
}

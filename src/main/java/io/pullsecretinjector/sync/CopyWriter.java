package io.pullsecretinjector.sync;

import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.caches.ClusterCaches;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.injection.InjectorLabels;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Carries out create, update and delete of copies (verbs {@code create}, {@code update}, {@code delete} on secrets),
 * only while this replica leads. Updates and deletes carry the cached resourceVersion, so a secret changed by someone
 * since the cache saw it is never overwritten or deleted blindly; {@link PendingWrites} keeps a pass planned from a
 * cache that lags behind our own write from repeating it.
 */
public final class CopyWriter {

    private static final Logger LOG = Logger.getLogger(CopyWriter.class);

    private final KubernetesClient client;
    private final BooleanSupplier leading;
    private final Counter creates;
    private final Counter updates;
    private final Counter deletes;
    private final AtomicLong writes = new AtomicLong();
    private final PendingWrites pending = new PendingWrites();

    CopyWriter(KubernetesClient client, BooleanSupplier leading, MeterRegistry meters) {
        this.client = client;
        this.leading = leading;
        this.creates = counter(meters, "create");
        this.updates = counter(meters, "update");
        this.deletes = counter(meters, "delete");
    }

    long writes() {
        return writes.get();
    }

    /** @return {@code false} if the action failed and the pass should be retried */
    boolean apply(SyncAction action, SyncReports reports) {
        if (!leading.getAsBoolean()) {
            return true;
        }
        try {
            if (action instanceof SyncAction.Create create) {
                return create(create, reports);
            } else if (action instanceof SyncAction.Update update) {
                return update(update);
            } else if (action instanceof SyncAction.Delete delete) {
                return delete(delete);
            }
            return true;
        } catch (KubernetesClientException e) {
            LOG.warnf("Secret sync: %s failed (HTTP %d), retrying: %s", describe(action), e.getCode(),
                    e.getStatus() == null ? e.getClass().getSimpleName() : e.getStatus().getMessage());
            return false;
        }
    }

    private boolean create(SyncAction.Create create, SyncReports reports) {
        String key = create.namespace() + "/" + create.source().name();
        if (pending.holdCreate(key)) {
            return true;
        }
        Secret copy = new SecretBuilder()
                .withNewMetadata()
                    .withNamespace(create.namespace())
                    .withName(create.source().name())
                    .addToLabels(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE)
                    .addToAnnotations(InjectorLabels.SOURCE_SECRET, create.source().reference())
                .endMetadata()
                .withType(create.source().type())
                .withData(create.source().data())
                .build();
        try {
            Secret created = client.secrets().inNamespace(create.namespace()).resource(copy).create();
            pending.created(key, created.getMetadata().getResourceVersion());
            written(creates);
            LOG.infof("Secret sync: created %s from %s", key, create.source().reference());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Exists but not in the pull-secret cache: a secret of another type holds the name.
            pending.refused(key);
            reports.nameTaken(create.namespace(), create.source());
        }
        return true;
    }

    private boolean update(SyncAction.Update update) {
        Secret cached = update.copy();
        String key = ClusterCaches.key(cached);
        if (pending.holdChange(key, cached)) {
            return true;
        }
        Secret copy = new SecretBuilder(cached)
                .editMetadata()
                    .addToLabels(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE)
                    .addToAnnotations(InjectorLabels.SOURCE_SECRET, update.source().reference())
                .endMetadata()
                .withType(update.source().type())
                .withData(update.source().data())
                .build();
        Secret updated = client.secrets().inNamespace(cached.getMetadata().getNamespace()).resource(copy).update();
        pending.updated(key, updated.getMetadata().getResourceVersion());
        written(updates);
        LOG.infof("Secret sync: updated %s from %s", key, update.source().reference());
        return true;
    }

    private boolean delete(SyncAction.Delete delete) {
        Secret cached = delete.copy();
        String key = ClusterCaches.key(cached);
        if (pending.holdChange(key, cached)) {
            return true;
        }
        client.secrets().inNamespace(cached.getMetadata().getNamespace()).withName(cached.getMetadata().getName())
                .lockResourceVersion(cached.getMetadata().getResourceVersion()).delete();
        pending.deleted(key);
        written(deletes);
        LOG.infof("Secret sync: deleted %s: %s", key, delete.why());
        return true;
    }

    void seen(Secret before, Secret after) {
        pending.seen(before, after);
    }

    private void written(Counter counter) {
        counter.increment();
        writes.incrementAndGet();
    }

    private static String describe(SyncAction action) {
        if (action instanceof SyncAction.Create c) {
            return "create of " + c.namespace() + "/" + c.source().name();
        } else if (action instanceof SyncAction.Update u) {
            return "update of " + ClusterCaches.key(u.copy());
        } else if (action instanceof SyncAction.Delete d) {
            return "delete of " + ClusterCaches.key(d.copy());
        }
        return action.getClass().getSimpleName();
    }

    private static Counter counter(MeterRegistry meters, String action) {
        return Counter.builder(KubeMetrics.SYNC_WRITES).tag("action", action)
                .description("Writes of pull secret copies by sync").register(meters);
    }
}

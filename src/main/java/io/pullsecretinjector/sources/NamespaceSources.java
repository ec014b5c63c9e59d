package io.pullsecretinjector.sources;

import io.fabric8.kubernetes.api.model.Secret;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.cluster.KubeMetrics;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Team-owned registry credentials: pull secrets labelled {@code pull-secret-injector.io/source: "true"} in any
 * namespace other than the injector's. Each contributes rules for Pods of its own namespace only (never elsewhere,
 * so a team cannot add rules for another namespace) and is never copied. Only what the caches keep of such a secret is
 * used: its {@code auths} keys and whether it is usable ({@link ClusterCaches#namespaceSource}); its data is never in
 * memory here.
 *
 * <p>Maintained per namespace from cache events, so a change costs the secrets of one namespace, never the cluster.
 * Listeners are told which namespace changed.
 */
@Startup
@Singleton
public class NamespaceSources {

    private static final Logger LOG = Logger.getLogger(NamespaceSources.class);

    private final ClusterCaches caches;
    private final Map<String, SortedMap<String, SourceSecret>> byNamespace = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public NamespaceSources(ClusterCaches caches, MeterRegistry meters) {
        this.caches = caches;
        Gauge.builder(KubeMetrics.NAMESPACE_SOURCE_SECRETS_MALFORMED, this, s -> s.malformed().size())
                .description("Namespace-local source secrets that are malformed, hence not used for rules")
                .register(meters);
        caches.onSecretChange(this::changed);
    }

    /** The namespace-local sources of {@code namespace}, by name, usable or not. */
    public SortedMap<String, SourceSecret> in(String namespace) {
        return byNamespace.getOrDefault(namespace, Collections.emptySortedMap());
    }

    /** Every namespace that has namespace-local sources, with them. */
    public Map<String, SortedMap<String, SourceSecret>> all() {
        return Collections.unmodifiableMap(new TreeMap<>(byNamespace));
    }

    public List<SourceSecret> malformed() {
        return byNamespace.values().stream().flatMap(m -> m.values().stream()).filter(s -> !s.usable()).toList();
    }

    /** {@code listener} is called with the namespace whose sources changed. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void changed(Secret before, Secret after) {
        Secret seen = after != null ? after : before;
        String namespace = seen.getMetadata().getNamespace();
        if (namespace == null || namespace.equals(caches.injectorNamespace())
                || !(SourceSecrets.isSource(seen) || before != null && SourceSecrets.isSource(before))) {
            return;
        }
        if (update(namespace, seen.getMetadata().getName(), after)) {
            listeners.forEach(listener -> listener.accept(namespace));
        }
    }

    /** Whether the namespace's sources changed. */
    private synchronized boolean update(String namespace, String name, Secret after) {
        SortedMap<String, SourceSecret> previous = in(namespace);
        SourceSecret before = previous.get(name);
        SourceSecret next = after == null || !SourceSecrets.isSource(after) ? null : read(after, before);
        if (next == before) {
            return false;
        }
        SortedMap<String, SourceSecret> updated = new TreeMap<>(previous);
        if (next == null) {
            updated.remove(name);
        } else {
            updated.put(name, next);
        }
        if (updated.isEmpty()) {
            byNamespace.remove(namespace);
        } else {
            byNamespace.put(namespace, Collections.unmodifiableSortedMap(updated));
        }
        return true;
    }

    private SourceSecret read(Secret secret, SourceSecret before) {
        String version = secret.getMetadata().getResourceVersion();
        if (before != null && version != null && version.equals(before.resourceVersion())
                && java.util.Objects.equals(before.uid(), secret.getMetadata().getUid())) {
            return before; // an informer resync: nothing new
        }
        DockerConfig config = caches.namespaceSource(secret.getMetadata().getNamespace(), secret.getMetadata().getName())
                .orElse(null);
        if (config == null) {
            return null; // not kept as a source by the cache (a managed copy), or already gone from it
        }
        // No data: a namespace-local source is never copied, so its credentials are never needed.
        SourceSecret source = new SourceSecret(secret.getMetadata().getNamespace(), secret.getMetadata().getName(),
                secret.getMetadata().getUid(), version, secret.getType(), Map.of(), config);
        if (!source.usable()) {
            LOG.warnf("Namespace-local source secret %s is malformed, so it is not used for the rules of namespace %s: "
                    + "%s", source.reference(), source.namespace(), config.problem());
        } else if (before != null && !before.usable()) {
            LOG.infof("Namespace-local source secret %s is usable again", source.reference());
        }
        return source;
    }
}

package io.pullsecretinjector.sources;

import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.caches.ClusterCaches;
import io.fabric8.kubernetes.api.model.Secret;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.injection.InjectorLabels;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The source secrets: pull secrets in {@code injector.namespace} labelled {@code pull-secret-injector.io/source: "true"},
 * read and checked. An immutable snapshot is rebuilt on every change in that namespace and published through a
 * volatile field; listeners (learnt rules, sync) are told after each rebuild. A malformed secret is logged once per
 * version and counted in {@code injector_source_secrets_malformed}; its Event is written by the sync leader.
 */
@Startup
@Singleton
public class SourceSecrets {

    private static final Logger LOG = Logger.getLogger(SourceSecrets.class);

    private final ClusterCaches caches;
    private final DockerConfigReader reader;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile SortedMap<String, SourceSecret> current = Collections.emptySortedMap();

    public SourceSecrets(ClusterCaches caches, DockerConfigReader reader, MeterRegistry meters) {
        this.caches = caches;
        this.reader = reader;
        Gauge.builder(KubeMetrics.SOURCE_SECRETS_MALFORMED, this, s -> s.malformed().size())
                .description("Source secrets that are malformed, hence neither synced nor used for rules")
                .register(meters);
        caches.onSecretChange((before, after) -> {
            if (inInjectorNamespace(before) || inInjectorNamespace(after)) {
                rebuild();
            }
        });
    }

    /** Source secrets by name, usable or not. */
    public SortedMap<String, SourceSecret> current() {
        return current;
    }

    public List<SourceSecret> malformed() {
        return current.values().stream().filter(s -> !s.usable()).toList();
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private boolean inInjectorNamespace(Secret secret) {
        return secret != null && caches.injectorNamespace().equals(secret.getMetadata().getNamespace());
    }

    private synchronized void rebuild() {
        SortedMap<String, SourceSecret> previous = current;
        SortedMap<String, SourceSecret> next = new TreeMap<>();
        caches.pullSecrets()
                .filter(s -> inInjectorNamespace(s) && isSource(s))
                .forEach(secret -> next.put(secret.getMetadata().getName(), read(secret, previous)));
        current = Collections.unmodifiableSortedMap(next);
        listeners.forEach(Runnable::run);
    }

    private SourceSecret read(Secret secret, Map<String, SourceSecret> previous) {
        SourceSecret before = previous.get(secret.getMetadata().getName());
        String version = secret.getMetadata().getResourceVersion();
        if (before != null && version != null && version.equals(before.resourceVersion())
                && before.uid().equals(secret.getMetadata().getUid())) {
            return before;
        }
        SourceSecret source = SourceSecret.of(secret, reader.read(secret));
        if (!source.usable()) {
            LOG.warnf("Source secret %s is malformed, so it is neither synced nor used for rules (existing copies are "
                    + "left as they are): %s", source.reference(), source.config().problem());
        } else if (before != null && !before.usable()) {
            LOG.infof("Source secret %s is usable again", source.reference());
        }
        return source;
    }

    static boolean isSource(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels != null && InjectorLabels.TRUE.equals(labels.get(InjectorLabels.SOURCE));
    }
}

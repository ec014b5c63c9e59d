package io.pullsecretinjector.caches;

import io.pullsecretinjector.cluster.ApiConnection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.sources.DockerConfig;
import io.pullsecretinjector.sources.DockerConfigReader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The informer caches: all Namespaces, and Secrets of the two pull-secret types (one informer per type, each with a
 * server-side {@code type} field selector, so other secrets never reach the webhook). Started at start-up without
 * waiting; retried forever in the background; read by the request path without any API call.
 */
@Singleton
public class ClusterCaches {

    private final boolean enabled;
    private final String injectorNamespace;
    private final ApiConnection connection = new ApiConnection();
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();
    private final SharedIndexInformer<Namespace> namespaces;
    private final Map<PullSecretType, SharedIndexInformer<Secret>> secrets = new EnumMap<>(PullSecretType.class);
    private final Map<PullSecretType, SlimSecretStore> secretStores = new EnumMap<>(PullSecretType.class);

    public ClusterCaches(InjectorConfig config, Instance<KubernetesClient> clients, DockerConfigReader registryKeys) {
        this.enabled = config.cluster().enabled();
        this.injectorNamespace = config.namespace();
        if (!enabled) {
            namespaces = null;
            return;
        }
        KubernetesClient client = clients.get();
        long resync = config.cluster().resyncPeriod().toMillis();
        namespaces = client.namespaces().runnableInformer(resync).exceptionHandler(connection::retryAfter);
        for (PullSecretType type : PullSecretType.values()) {
            SlimSecretStore store = new SlimSecretStore(injectorNamespace, registryKeys::read);
            secretStores.put(type, store);
            secrets.put(type, client.secrets().inAnyNamespace().withField("type", type.type())
                    .runnableInformer(resync).itemStore(store).exceptionHandler(connection::retryAfter));
        }
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            org.jboss.logging.Logger.getLogger(ClusterCaches.class).info("Kubernetes API not used "
                    + "(injector.cluster.enabled=false): admission runs on the static injector.registries map only");
            return;
        }
        List<CompletableFuture<Void>> started = new ArrayList<>();
        started.add(namespaces.start().toCompletableFuture());
        secrets.values().forEach(informer -> started.add(informer.start().toCompletableFuture()));
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                .thenRun(() -> {
                    connection.synced();
                    firstSync.complete(null);
                });
    }

    void stop(@Observes ShutdownEvent event) {
        if (enabled) {
            namespaces.stop();
            secrets.values().forEach(SharedIndexInformer::stop);
        }
    }

    /** Completes when every informer has listed once; never when the cluster is disabled. */
    public CompletableFuture<Void> firstSync() {
        return firstSync;
    }

    public boolean enabled() {
        return enabled;
    }

    public String injectorNamespace() {
        return injectorNamespace;
    }

    public boolean namespacesSynced() {
        return enabled && namespaces.hasSynced();
    }

    public boolean secretsSynced() {
        return enabled && secrets.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Synced and currently watching: the cache follows the cluster. */
    public boolean namespacesCurrent() {
        return current(Stream.of(namespaces));
    }

    public boolean secretsCurrent() {
        return current(secrets.values().stream());
    }

    private boolean current(Stream<? extends SharedIndexInformer<?>> informers) {
        if (!enabled) {
            return false;
        }
        boolean current = informers.allMatch(i -> i.hasSynced() && i.isWatching());
        if (current && namespaces.isWatching() && secrets.values().stream().allMatch(SharedIndexInformer::isWatching)) {
            connection.watching();
        }
        return current;
    }

    public boolean apiReachable() {
        return enabled && connection.reachable();
    }

    /** Failed list or watch attempts since start-up, all informers together. */
    public long apiFailures() {
        return connection.failures();
    }

    public Optional<Namespace> namespace(String name) {
        return enabled ? Optional.ofNullable(namespaces.getStore().getByKey(name)) : Optional.empty();
    }

    public List<Namespace> namespaces() {
        return enabled ? namespaces.getStore().list() : List.of();
    }

    /** The pull secret {@code namespace/name}, without data unless it is in the injector's namespace. */
    public Optional<Secret> secret(String namespace, String name) {
        return secrets.entrySet().stream()
                .map(e -> e.getValue().getStore().getByKey(namespace + "/" + name))
                .filter(s -> s != null && PullSecretType.of(s.getType()).isPresent())
                .findFirst();
    }

    /** Every cached pull secret; each once even if a server ignored the type field selector. */
    public Stream<Secret> pullSecrets() {
        return secrets.entrySet().stream().flatMap(e -> e.getValue().getStore().list().stream()
                .filter(s -> e.getKey().type().equals(s.getType())));
    }

    /** Fingerprint of the data of a managed copy outside the injector's namespace (see {@link SlimSecretStore}). */
    public Optional<String> fingerprint(Secret secret) {
        return PullSecretType.of(secret.getType()).map(secretStores::get)
                .map(store -> store.fingerprint(secret.getMetadata().getNamespace(), secret.getMetadata().getName()));
    }

    /**
     * What a namespace-local source secret (labelled {@code pull-secret-injector.io/source: "true"} outside the
     * injector's namespace) says about registries: its {@code auths} keys, never its credentials. Empty when the
     * secret is not cached or not such a source.
     */
    public Optional<DockerConfig> namespaceSource(String namespace, String name) {
        return secret(namespace, name).flatMap(s -> PullSecretType.of(s.getType())).map(secretStores::get)
                .map(store -> store.namespaceSource(namespace, name));
    }

    public void onSecretChange(Change<Secret> handler) {
        secrets.forEach((type, informer) -> informer.addEventHandler(Change.adapt((before, after) -> {
            Secret seen = after != null ? after : before;
            if (type.type().equals(seen.getType())) {
                handler.changed(before, after);
            }
        })));
    }

    public void onNamespaceChange(Change<Namespace> handler) {
        if (enabled) {
            namespaces.addEventHandler(Change.adapt(handler));
        }
    }

    public static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}

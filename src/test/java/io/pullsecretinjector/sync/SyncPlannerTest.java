package io.pullsecretinjector.sync;

import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.caches.DataFingerprint;
import io.pullsecretinjector.caches.PullSecretType;
import io.pullsecretinjector.sources.SourceSecret;
import io.pullsecretinjector.sources.DockerConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.pullsecretinjector.injection.InjectorLabels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.pullsecretinjector.testing.PullSecrets.INJECTOR_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** The sync rules, without an API server. */
class SyncPlannerTest {

    private static final String TYPE = PullSecretType.DOCKER_CONFIG_JSON.type();
    private static final Map<String, String> DATA = Map.of(".dockerconfigjson", "e30=");

    private final Map<String, String> fingerprints = new TreeMap<>();
    private final SyncPlanner planner = new SyncPlanner(INJECTOR_NAMESPACE,
            s -> Optional.ofNullable(fingerprints.get(ClusterCaches.key(s))));

    private static SourceSecret source(String name, Map<String, String> data, boolean usable) {
        return new SourceSecret(INJECTOR_NAMESPACE, name, "uid-" + name, "1", TYPE, data,
                new DockerConfig(List.of("registry.example.com"), List.of(), usable ? null : "broken"));
    }

    private Secret copy(String namespace, String name, boolean managed, Map<String, String> data) {
        SecretBuilder builder = new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withResourceVersion("7").endMetadata().withType(TYPE);
        if (managed) {
            builder.editMetadata().addToLabels(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE)
                    .addToAnnotations(InjectorLabels.SOURCE_SECRET, INJECTOR_NAMESPACE + "/" + name).endMetadata();
            fingerprints.put(namespace + "/" + name, DataFingerprint.of(data));
        }
        return builder.build();
    }

    private List<SyncAction> plan(List<SourceSecret> sources, Set<String> targets, List<Secret> existing) {
        Map<String, SourceSecret> byName = new TreeMap<>();
        sources.forEach(s -> byName.put(s.name(), s));
        return planner.plan(byName, targets, Set.of(), existing);
    }

    @Test
    void createsMissingCopiesInEveryTargetNamespace() {
        SourceSecret regcred = source("regcred", DATA, true);
        assertThat(plan(List.of(regcred), Set.of("b", "a"), List.of())).containsExactly(
                new SyncAction.Create("a", regcred), new SyncAction.Create("b", regcred));
    }

    @Test
    void upToDateCopiesNeedNothingAndStaleOnesAnUpdate() {
        SourceSecret regcred = source("regcred", DATA, true);
        Secret current = copy("a", "regcred", true, DATA);
        Secret stale = copy("b", "regcred", true, Map.of(".dockerconfigjson", "b2xk"));
        assertThat(plan(List.of(regcred), Set.of("a", "b"), List.of(current, stale)))
                .containsExactly(new SyncAction.Update(stale, regcred));
    }

    @Test
    void anUnmanagedSecretIsAConflictAndNeverDeleted() {
        SourceSecret regcred = source("regcred", DATA, true);
        Secret theirs = copy("a", "regcred", false, DATA);
        assertThat(plan(List.of(regcred), Set.of("a"), List.of(theirs)))
                .containsExactly(new SyncAction.Conflict(theirs, regcred));
        assertThat(plan(List.of(), Set.of(), List.of(theirs))).isEmpty();
    }

    @Test
    void copiesAreDeletedWhenTheSourceGoesOrTheNamespaceOptsOut() {
        SourceSecret regcred = source("regcred", DATA, true);
        Secret orphan = copy("a", "gone", true, DATA);
        Secret optedOut = copy("c", "regcred", true, DATA);
        assertThat(plan(List.of(regcred), Set.of(), List.of(orphan, optedOut))).containsExactlyInAnyOrder(
                new SyncAction.Delete(orphan, "its source secret is gone"),
                new SyncAction.Delete(optedOut, "namespace is not opted in"));
    }

    @Test
    void copiesOfAMalformedSourceAreKeptAndNoneAreCreated() {
        SourceSecret broken = source("regcred", DATA, false);
        Secret existing = copy("a", "regcred", true, Map.of(".dockerconfigjson", "b2xk"));
        assertThat(plan(List.of(broken), Set.of("a", "b"), List.of(existing))).isEmpty();
    }

    @Test
    void theInjectorNamespaceIsNeverSyncedInto() {
        SourceSecret regcred = source("regcred", DATA, true);
        Secret itself = new SecretBuilder().withNewMetadata().withNamespace(INJECTOR_NAMESPACE).withName("regcred")
                .endMetadata().withType(TYPE).build();
        assertThat(plan(List.of(regcred), Set.of(), List.of(itself))).isEmpty();
    }

    @Test
    void aCopyOfAnotherTypeIsReplaced() {
        SourceSecret regcred = source("regcred", DATA, true);
        Secret legacy = new SecretBuilder(copy("a", "regcred", true, DATA))
                .withType(PullSecretType.DOCKERCFG.type()).build();
        assertThat(plan(List.of(regcred), Set.of("a"), List.of(legacy))).singleElement()
                .isInstanceOf(SyncAction.Delete.class);
    }
}

package io.pullsecretinjector.sources;

import io.pullsecretinjector.config.ConfiguredRules;
import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.image.RegistryPattern;
import io.pullsecretinjector.image.RegistryRule;
import io.pullsecretinjector.injection.RegistryRules;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static {@code injector.registries} rules followed by the rules learnt from source secrets: each {@code auths}
 * key of a source secret grants that secret. Learnt rules are sorted by secret name, then pattern text. A malformed
 * source secret still contributes its parseable keys, as unusable rules, so the Pods it would have served get a
 * warning rather than silence.
 *
 * <p>A namespace with its own (namespace-local) source secrets gets its own index: the global rules followed by its
 * local ones, ordered the same way. Indexes are rebuilt on source changes only, the global one and every namespace
 * index when a global source changes, one namespace's index when its sources change; a read is one volatile load and
 * one hash lookup.
 */
@Singleton
public class LearntRegistryRules implements RegistryRules {

    private final List<RegistryRule> configured;
    private final SourceSecrets sources;
    private final NamespaceSources namespaceSources;
    private volatile Snapshot snapshot;

    /** The global rules and index, and the index of each namespace that has sources of its own. */
    private record Snapshot(List<RegistryRule> global, RegistryIndex globalIndex, Map<String, RegistryIndex> byNamespace) {
    }

    public LearntRegistryRules(ConfiguredRules configured, SourceSecrets sources, NamespaceSources namespaceSources) {
        this.configured = configured.rules();
        this.sources = sources;
        this.namespaceSources = namespaceSources;
        this.snapshot = new Snapshot(this.configured, RegistryIndex.of(this.configured), Map.of());
        sources.onChange(this::rebuild);
        namespaceSources.onChange(this::rebuild);
        rebuild();
    }

    @Override
    public RegistryIndex current() {
        return snapshot.globalIndex();
    }

    @Override
    public RegistryIndex current(String namespace) {
        Snapshot now = snapshot;
        return now.byNamespace().getOrDefault(namespace, now.globalIndex());
    }

    /** The rules that apply only to Pods of {@code namespace}, from its own source secrets. */
    public List<RegistryRule> namespaceRules(String namespace) {
        return learnt(namespaceSources.in(namespace).values());
    }

    private synchronized void rebuild() {
        List<RegistryRule> global = new ArrayList<>(configured);
        global.addAll(learnt(sources.current().values()));
        Map<String, RegistryIndex> byNamespace = new HashMap<>();
        namespaceSources.all().keySet().forEach(ns -> byNamespace.put(ns, merged(global, ns)));
        snapshot = new Snapshot(List.copyOf(global), RegistryIndex.of(global), Map.copyOf(byNamespace));
    }

    private synchronized void rebuild(String namespace) {
        Snapshot now = snapshot;
        Map<String, RegistryIndex> byNamespace = new HashMap<>(now.byNamespace());
        if (namespaceSources.in(namespace).isEmpty()) {
            byNamespace.remove(namespace);
        } else {
            byNamespace.put(namespace, merged(now.global(), namespace));
        }
        snapshot = new Snapshot(now.global(), now.globalIndex(), Map.copyOf(byNamespace));
    }

    private RegistryIndex merged(List<RegistryRule> global, String namespace) {
        List<RegistryRule> rules = new ArrayList<>(global);
        rules.addAll(namespaceRules(namespace));
        return RegistryIndex.of(rules);
    }

    static List<RegistryRule> learnt(Iterable<SourceSecret> sources) {
        List<RegistryRule> rules = new ArrayList<>();
        for (SourceSecret source : sources) {
            String origin = "secret " + source.reference();
            source.config().patterns().stream()
                    .sorted(Comparator.comparing(RegistryPattern::key))
                    .map(pattern -> new RegistryRule(pattern, List.of(source.name()), origin,
                            source.usable() ? null : "malformed: " + source.config().problem()))
                    .forEach(rules::add);
        }
        rules.sort(Comparator.comparing((RegistryRule r) -> r.secrets().get(0))
                .thenComparing(r -> r.pattern().key()));
        return rules;
    }
}

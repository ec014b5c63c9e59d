package io.pullsecretinjector.sources;

import io.pullsecretinjector.config.ConfiguredRules;
import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.image.RegistryPattern;
import io.pullsecretinjector.image.RegistryRule;
import io.pullsecretinjector.injection.RegistryRules;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The static {@code injector.registries} rules followed by the rules learnt from source secrets: each {@code auths}
 * key of a source secret grants that secret. Learnt rules are sorted by secret name, then pattern text. A malformed
 * source secret still contributes its parseable keys, as unusable rules, so the Pods it would have served get a
 * warning rather than silence. Rebuilt on every source secret change; a read is one volatile load.
 */
@Singleton
public class LearntRegistryRules implements RegistryRules {

    private final List<RegistryRule> configured;
    private volatile RegistryIndex current;

    public LearntRegistryRules(ConfiguredRules configured, SourceSecrets sources) {
        this.configured = configured.rules();
        this.current = RegistryIndex.of(this.configured);
        sources.onChange(() -> rebuild(sources));
        rebuild(sources);
    }

    @Override
    public RegistryIndex current() {
        return current;
    }

    private synchronized void rebuild(SourceSecrets sources) {
        List<RegistryRule> rules = new ArrayList<>(configured);
        rules.addAll(learnt(sources.current().values()));
        current = RegistryIndex.of(rules);
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

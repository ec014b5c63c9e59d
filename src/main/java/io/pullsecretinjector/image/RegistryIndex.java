package io.pullsecretinjector.image;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable lookup structure over registry rules whose cost per lookup does not grow with the number of rules.
 *
 * <p>Rules whose host has no {@code *} are found by one hash lookup on (host, port); wildcard rules through
 * {@link WildcardHosts}; within a host, rules are found by path prefix through {@link PathPrefixes}. The answer is
 * always the same as testing {@link RegistryPattern#matches} on every rule. Safe to share between threads: nothing
 * changes after construction.
 */
public final class RegistryIndex {

    public static final RegistryIndex EMPTY = of(List.of());

    private final List<RegistryRule> rules;
    /** Host (as {@link RegistryPattern#hostToMatch()}), then port. */
    private final Map<String, Map<String, PathPrefixes>> exactHosts;
    private final WildcardHosts wildcardHosts;

    private RegistryIndex(List<RegistryRule> rules) {
        this.rules = rules;
        Map<String, Map<String, PathPrefixes.Builder>> exact = new HashMap<>();
        WildcardHosts.Builder wildcards = new WildcardHosts.Builder();
        for (int ordinal = 0; ordinal < rules.size(); ordinal++) {
            RegistryRule rule = rules.get(ordinal);
            RegistryPattern pattern = Objects.requireNonNull(rule.pattern(), "registry rule without a pattern");
            IndexedRule indexed = new IndexedRule(ordinal, rule);
            String host = pattern.hostToMatch();
            if (host.indexOf('*') >= 0) {
                wildcards.add(host, indexed);
            } else {
                exact.computeIfAbsent(host, h -> new HashMap<>())
                        .computeIfAbsent(pattern.port(), p -> new PathPrefixes.Builder())
                        .add(indexed);
            }
        }
        this.exactHosts = new HashMap<>();
        exact.forEach((host, byPort) -> {
            Map<String, PathPrefixes> built = new HashMap<>();
            byPort.forEach((port, paths) -> built.put(port, paths.build()));
            exactHosts.put(host, built);
        });
        this.wildcardHosts = wildcards.build();
    }

    /** Builds an index; {@code rules} are in configuration order, which {@link #matching} preserves. */
    public static RegistryIndex of(List<RegistryRule> rules) {
        return new RegistryIndex(List.copyOf(rules));
    }

    /** Every rule whose pattern matches {@code name} (an {@link ImageReference#name()}), in configuration order. */
    public List<RegistryRule> matching(String name) {
        if (rules.isEmpty()) {
            return List.of();
        }
        LookupName target = LookupName.parse(name);
        if (target == null) {
            return List.of();
        }
        MatchCollector found = new MatchCollector();
        Map<String, PathPrefixes> byPort = exactHosts.get(target.host());
        if (byPort != null) {
            PathPrefixes paths = byPort.get(target.port());
            if (paths != null) {
                paths.collect(target.path(), found);
            }
        }
        wildcardHosts.collect(target, found);
        return found.inConfigurationOrder();
    }

    public List<RegistryRule> rules() {
        return rules;
    }
}

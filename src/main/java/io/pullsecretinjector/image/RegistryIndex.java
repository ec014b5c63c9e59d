package io.pullsecretinjector.image;

import static java.util.stream.Collectors.groupingBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Immutable lookup structure over registry rules whose cost per lookup does not grow with the number of rules.
 *
 * <p>Rules whose host has no {@code *} are found by hash lookups on host and port, wildcard rules through
 * {@link WildcardHosts}, and within a host pattern, rules are found by path prefix through {@link PathPrefixes}. The
 * answer is always what testing {@link RegistryPattern#matches} on every rule would give. Safe to share between
 * threads: nothing it answers changes after construction.
 *
 * <p>{@link #forImage} remembers its answers: a cluster runs a few hundred distinct images, each Pod names several, and
 * parsing and matching them was a twentieth of a request's CPU. The memo belongs to this index, so new rules (a new
 * index) never see an old answer; it is bounded and simply starts again when full.
 */
public final class RegistryIndex {

    public static final RegistryIndex EMPTY = of(List.of());

    /** Bound of {@link #forImage}'s memo: ~150 bytes an image, so at most ~150 KB per index. */
    static final int MAX_REMEMBERED_IMAGES = 1024;
    /** Longer image strings are answered but not remembered: a valid reference is far shorter, a Pod may be odd. */
    static final int MAX_REMEMBERED_LENGTH = 512;

    private final List<RegistryRule> rules;
    /** Host (as {@link RegistryPattern#hostToMatch()}), then port. */
    private final Map<String, Map<String, PathPrefixes>> exactHosts;
    private final WildcardHosts wildcardHosts;
    private final Map<String, ImageMatch> byImage = new ConcurrentHashMap<>();

    private RegistryIndex(List<RegistryRule> rules) {
        this.rules = rules;
        List<IndexedRule> exact = new ArrayList<>();
        List<IndexedRule> wildcard = new ArrayList<>();
        for (int ordinal = 0; ordinal < rules.size(); ordinal++) {
            RegistryRule rule = rules.get(ordinal);
            RegistryPattern pattern = Objects.requireNonNull(rule.pattern(), "registry rule without a pattern");
            (pattern.hostToMatch().indexOf('*') >= 0 ? wildcard : exact).add(new IndexedRule(ordinal, rule));
        }
        this.exactHosts = new HashMap<>();
        exact.stream().collect(groupingBy(rule -> rule.rule().pattern().hostToMatch())).forEach((host, sameHost) -> {
            Map<String, PathPrefixes> byPort = new HashMap<>();
            sameHost.stream().collect(groupingBy(rule -> rule.rule().pattern().port()))
                    .forEach((port, samePort) -> byPort.put(port, PathPrefixes.of(samePort)));
            exactHosts.put(host, byPort);
        });
        this.wildcardHosts = WildcardHosts.of(wildcard);
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
        PathPrefixes paths = byPort == null ? null : byPort.get(target.port());
        if (paths != null) {
            paths.collect(target.path(), found);
        }
        wildcardHosts.collect(target, found);
        return found.inConfigurationOrder();
    }

    /**
     * The normalised name of {@code image} (as {@link ImageReference#parse}) and the rules {@link #matching} it, or
     * why it is invalid; the same answer as those two calls, remembered.
     */
    public ImageMatch forImage(String image) {
        ImageMatch known = byImage.get(image);
        if (known != null) {
            return known;
        }
        ImageMatch match;
        try {
            String name = ImageReference.parse(image).name();
            match = ImageMatch.valid(name, matching(name));
        } catch (InvalidImageReferenceException e) {
            match = ImageMatch.invalid(e.getMessage());
        }
        if (image.length() > MAX_REMEMBERED_LENGTH) {
            return match;
        }
        if (byImage.size() >= MAX_REMEMBERED_IMAGES) {
            // Cheaper than an eviction order, and a cluster's working set of images refills it in a few Pods.
            byImage.clear();
        }
        byImage.put(image, match);
        return match;
    }

    /** How many images {@link #forImage} remembers now (for tests). */
    int rememberedImages() {
        return byImage.size();
    }

    public List<RegistryRule> rules() {
        return rules;
    }
}

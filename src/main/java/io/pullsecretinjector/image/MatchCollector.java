package io.pullsecretinjector.image;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Gathers the rules one lookup finds; allocates nothing until the first match. */
final class MatchCollector {

    private static final IndexedRule[] NONE = new IndexedRule[0];
    private static final Comparator<IndexedRule> CONFIGURATION_ORDER = Comparator.comparingInt(IndexedRule::ordinal);

    private IndexedRule[] found = NONE;
    private int size;

    void addAll(IndexedRule[] rules) {
        if (rules.length == 0) {
            return;
        }
        if (size + rules.length > found.length) {
            found = Arrays.copyOf(found, Math.max(size + rules.length, 2 * found.length));
        }
        System.arraycopy(rules, 0, found, size, rules.length);
        size += rules.length;
    }

    /** The rules found, in configuration order. Each rule sits in exactly one bucket, so there are no duplicates. */
    List<RegistryRule> inConfigurationOrder() {
        if (size == 0) {
            return List.of();
        }
        if (size == 1) {
            return List.of(found[0].rule());
        }
        Arrays.sort(found, 0, size, CONFIGURATION_ORDER);
        RegistryRule[] rules = new RegistryRule[size];
        for (int i = 0; i < size; i++) {
            rules[i] = found[i].rule();
        }
        return List.of(rules);
    }
}

package io.pullsecretinjector.image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rules of one host, found by path prefix. The kubelet's path test is a plain {@code startsWith}, so the rules
 * whose prefix matches an image path are exactly those whose prefix equals one of the path's own prefixes; only the
 * lengths some rule actually uses are tried, so the cost depends on the number of distinct prefix lengths, not on the
 * number of rules.
 */
final class PathPrefixes {

    private final IndexedRule[] anyPath;
    private final int[] prefixLengths;
    private final Map<String, IndexedRule[]> byPrefix;

    private PathPrefixes(IndexedRule[] anyPath, int[] prefixLengths, Map<String, IndexedRule[]> byPrefix) {
        this.anyPath = anyPath;
        this.prefixLengths = prefixLengths;
        this.byPrefix = byPrefix;
    }

    void collect(String path, MatchCollector found) {
        found.addAll(anyPath);
        for (int length : prefixLengths) {
            if (length > path.length()) {
                return;
            }
            IndexedRule[] rules = byPrefix.get(path.substring(0, length));
            if (rules != null) {
                found.addAll(rules);
            }
        }
    }

    static final class Builder {

        private final List<IndexedRule> anyPath = new ArrayList<>();
        private final Map<String, List<IndexedRule>> byPrefix = new HashMap<>();

        void add(IndexedRule rule) {
            String path = rule.rule().pattern().path();
            if (path.isEmpty()) {
                anyPath.add(rule);
            } else {
                byPrefix.computeIfAbsent(path, p -> new ArrayList<>()).add(rule);
            }
        }

        PathPrefixes build() {
            Map<String, IndexedRule[]> prefixes = new HashMap<>();
            TreeSet<Integer> lengths = new TreeSet<>();
            byPrefix.forEach((prefix, rules) -> {
                prefixes.put(prefix, rules.toArray(IndexedRule[]::new));
                lengths.add(prefix.length());
            });
            return new PathPrefixes(anyPath.toArray(IndexedRule[]::new),
                    lengths.stream().mapToInt(Integer::intValue).toArray(), prefixes);
        }
    }
}

package io.pullsecretinjector.image;

import static java.util.stream.Collectors.collectingAndThen;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;

import java.util.List;

/**
 * The rules of one host pattern, found by path. The kubelet's path test is a plain {@code startsWith}, so the rules
 * matching an image path are exactly those whose path prefix equals a prefix of it; a rule without path has the empty
 * prefix, which every path has.
 */
final class PathPrefixes {

    private final AffixMap<IndexedRule[]> byPrefix;

    private PathPrefixes(AffixMap<IndexedRule[]> byPrefix) {
        this.byPrefix = byPrefix;
    }

    static PathPrefixes of(List<IndexedRule> rules) {
        return new PathPrefixes(AffixMap.of(AffixMap.Side.PREFIX, rules.stream().collect(groupingBy(
                rule -> rule.rule().pattern().path(),
                collectingAndThen(toList(), samePath -> samePath.toArray(IndexedRule[]::new))))));
    }

    void collect(String path, MatchCollector found) {
        for (int i = 0; i < byPrefix.lengthCount(); i++) {
            IndexedRule[] rules = byPrefix.find(path, i);
            if (rules != null) {
                found.addAll(rules);
            }
        }
    }
}

package io.pullsecretinjector.image;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rules whose host has a {@code *}, arranged so that a lookup only globs patterns that can match. A pattern can
 * only match a host with the same port and the same number of labels, whose text starts with the pattern's literal
 * text before its first {@code *} and ends with the literal text after its last {@code *} (a {@code *} never spans a
 * '.', so the labels line up). Patterns are keyed by those four things; a lookup tries only the prefix and suffix
 * lengths some pattern has, then confirms each candidate with {@link HostGlob}.
 */
final class WildcardHosts {

    /** Port, then label count (Integer caches small values, so lookups do not allocate a key). */
    private final Map<String, Map<Integer, AffixMap<AffixMap<HostGroup[]>>>> byShape;

    private WildcardHosts(Map<String, Map<Integer, AffixMap<AffixMap<HostGroup[]>>>> byShape) {
        this.byShape = byShape;
    }

    /** {@code rules} must all have a {@code *} in {@link RegistryPattern#hostToMatch()}. */
    static WildcardHosts of(List<IndexedRule> rules) {
        List<Entry> entries = rules.stream().map(Entry::new).toList();
        return new WildcardHosts(mapValues(groupBy(entries, Entry::port),
                samePort -> mapValues(groupBy(samePort, Entry::labels), WildcardHosts::byLiteralSuffixAndPrefix)));
    }

    private static AffixMap<AffixMap<HostGroup[]>> byLiteralSuffixAndPrefix(List<Entry> sameShape) {
        return AffixMap.of(AffixMap.Side.SUFFIX, mapValues(groupBy(sameShape, Entry::literalSuffix),
                sameSuffix -> AffixMap.of(AffixMap.Side.PREFIX,
                        mapValues(groupBy(sameSuffix, Entry::literalPrefix), WildcardHosts::hostGroups))));
    }

    void collect(LookupName target, MatchCollector found) {
        Map<Integer, AffixMap<AffixMap<HostGroup[]>>> byLabels = byShape.get(target.port());
        if (byLabels == null) {
            return;
        }
        String host = target.host();
        AffixMap<AffixMap<HostGroup[]>> bySuffix = byLabels.get(labelCount(host));
        if (bySuffix == null) {
            return;
        }
        for (int i = 0; i < bySuffix.lengthCount(); i++) {
            AffixMap<HostGroup[]> byPrefix = bySuffix.find(host, i);
            for (int j = 0; byPrefix != null && j < byPrefix.lengthCount(); j++) {
                HostGroup[] groups = byPrefix.find(host, j);
                for (int k = 0; groups != null && k < groups.length; k++) {
                    if (HostGlob.matches(groups[k].glob(), host)) {
                        groups[k].paths().collect(target.path(), found);
                    }
                }
            }
        }
    }

    private static int labelCount(String host) {
        int labels = 1;
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) == '.') {
                labels++;
            }
        }
        return labels;
    }

    /** One distinct host glob and the rules using it. */
    private record HostGroup(String glob, PathPrefixes paths) {
    }

    private static HostGroup[] hostGroups(List<Entry> entries) {
        Map<String, List<IndexedRule>> byGlob =
                entries.stream().collect(groupingBy(Entry::glob, LinkedHashMap::new, mapping(Entry::rule, toList())));
        return byGlob.entrySet().stream()
                .map(sameGlob -> new HostGroup(sameGlob.getKey(), PathPrefixes.of(sameGlob.getValue())))
                .toArray(HostGroup[]::new);
    }

    private record Entry(String glob, IndexedRule rule) {

        Entry(IndexedRule rule) {
            this(rule.rule().pattern().hostToMatch(), rule);
        }

        String port() {
            return rule.rule().pattern().port();
        }

        int labels() {
            return labelCount(glob);
        }

        String literalPrefix() {
            return glob.substring(0, glob.indexOf('*'));
        }

        String literalSuffix() {
            return glob.substring(glob.lastIndexOf('*') + 1);
        }
    }

    private static <K> Map<K, List<Entry>> groupBy(List<Entry> entries, Function<Entry, K> key) {
        return entries.stream().collect(groupingBy(key));
    }

    private static <K, A, B> Map<K, B> mapValues(Map<K, A> map, Function<A, B> f) {
        Map<K, B> mapped = new HashMap<>();
        map.forEach((k, v) -> mapped.put(k, f.apply(v)));
        return mapped;
    }
}

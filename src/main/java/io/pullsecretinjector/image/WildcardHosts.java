package io.pullsecretinjector.image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rules whose host has a {@code *}, bucketed so that a lookup only globs patterns that can match. A pattern can
 * only match a host with the same port and the same number of labels, and its labels to the right of its right-most
 * {@code *} label (its literal suffix) must equal the host's last labels. So buckets are keyed by (port, label count,
 * literal suffix), and a lookup tries, for its port and label count, only the suffix lengths some pattern has.
 */
final class WildcardHosts {

    /** Port, then label count (Integer caches small values, so lookups do not allocate a key). */
    private final Map<String, Map<Integer, SameShape>> byPortAndLabels;

    private WildcardHosts(Map<String, Map<Integer, SameShape>> byPortAndLabels) {
        this.byPortAndLabels = byPortAndLabels;
    }

    void collect(LookupName target, MatchCollector found) {
        Map<Integer, SameShape> byLabels = byPortAndLabels.get(target.port());
        if (byLabels == null) {
            return;
        }
        SameShape shape = byLabels.get(labelCount(target.host()));
        if (shape != null) {
            shape.collect(target, found);
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

    /** A distinct host glob and the rules using it, found by path. */
    private record HostGroup(String glob, PathPrefixes paths) {
    }

    /** Patterns with one port and one label count, keyed by literal suffix. */
    private record SameShape(int[] suffixLabelCounts, Map<String, HostGroup[]> bySuffix) {

        void collect(LookupName target, MatchCollector found) {
            String host = target.host();
            int suffixStart = host.length() + 1; // position after the '.' that starts the suffix tried
            int labelsTaken = 0;
            for (int suffixLabels : suffixLabelCounts) {
                // Suffix label counts are below the host's label count, so the dot is always there.
                while (labelsTaken < suffixLabels) {
                    suffixStart = host.lastIndexOf('.', suffixStart - 2) + 1;
                    labelsTaken++;
                }
                String suffix = suffixLabels == 0 ? "" : host.substring(suffixStart);
                HostGroup[] groups = bySuffix.get(suffix);
                if (groups == null) {
                    continue;
                }
                for (HostGroup group : groups) {
                    if (HostGlob.matches(group.glob(), host)) {
                        group.paths().collect(target.path(), found);
                    }
                }
            }
        }
    }

    static final class Builder {

        private record ShapeKey(String port, int labels) {
        }

        /** Shape, then literal suffix, then glob (in first-seen order), then the rules by path. */
        private final Map<ShapeKey, Map<String, Map<String, PathPrefixes.Builder>>> shapes = new HashMap<>();

        void add(String glob, IndexedRule rule) {
            String[] labels = glob.split("\\.", -1);
            int lastWildcardLabel = labels.length - 1;
            while (labels[lastWildcardLabel].indexOf('*') < 0) {
                lastWildcardLabel--;
            }
            String suffix = String.join(".", List.of(labels).subList(lastWildcardLabel + 1, labels.length));
            shapes.computeIfAbsent(new ShapeKey(rule.rule().pattern().port(), labels.length), k -> new HashMap<>())
                    .computeIfAbsent(suffix, s -> new LinkedHashMap<>())
                    .computeIfAbsent(glob, g -> new PathPrefixes.Builder())
                    .add(rule);
        }

        WildcardHosts build() {
            Map<String, Map<Integer, SameShape>> byPortAndLabels = new HashMap<>();
            shapes.forEach((shape, bySuffix) -> {
                Map<String, HostGroup[]> groupsBySuffix = new HashMap<>();
                TreeSet<Integer> suffixLabelCounts = new TreeSet<>();
                bySuffix.forEach((suffix, byGlob) -> {
                    List<HostGroup> groups = new ArrayList<>();
                    byGlob.forEach((glob, paths) -> groups.add(new HostGroup(glob, paths.build())));
                    groupsBySuffix.put(suffix, groups.toArray(HostGroup[]::new));
                    suffixLabelCounts.add(suffix.isEmpty() ? 0 : suffix.split("\\.", -1).length);
                });
                byPortAndLabels.computeIfAbsent(shape.port(), p -> new HashMap<>())
                        .put(shape.labels(), new SameShape(
                                suffixLabelCounts.stream().mapToInt(Integer::intValue).toArray(), groupsBySuffix));
            });
            return new WildcardHosts(byPortAndLabels);
        }
    }
}

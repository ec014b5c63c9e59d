package io.pullsecretinjector.sync;

import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.sources.SourceSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.pullsecretinjector.injection.InjectorLabels;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes what sync must do from the caches alone: pure, so the rules are tested without an API server.
 *
 * <ul>
 *   <li>every usable source secret gets a copy in every target namespace (opted in, not terminating, not the
 *       injector's own); a missing copy is created, a stale managed copy updated;</li>
 *   <li>a secret of that name without the managed-by label is a conflict and is never touched;</li>
 *   <li>a managed copy whose source is gone, or whose namespace is no longer a target, is deleted; a copy whose type
 *       differs from its source is deleted too (type is immutable) and re-created on the next pass;</li>
 *   <li>copies of a malformed source are kept as they are: deleting working credentials because of a typo in the
 *       source would break pulls that work today.</li>
 * </ul>
 *
 * @param injectorNamespace where source secrets live
 * @param fingerprint       data fingerprint of a cached managed copy (see {@link SlimSecretStore})
 */
public record SyncPlanner(String injectorNamespace, Function<Secret, Optional<String>> fingerprint) {

    public List<SyncAction> plan(Map<String, SourceSecret> sources, Set<String> targets, Set<String> terminating,
                                 Collection<Secret> pullSecrets) {
        Map<String, Secret> existing = pullSecrets.stream()
                .filter(s -> !injectorNamespace.equals(s.getMetadata().getNamespace()))
                .collect(Collectors.toMap(ClusterCaches::key, s -> s, (a, b) -> a));
        List<SyncAction> actions = new ArrayList<>();
        for (SourceSecret source : sources.values()) {
            if (!source.usable()) {
                continue;
            }
            for (String namespace : new TreeSet<>(targets)) {
                Secret present = existing.get(namespace + "/" + source.name());
                if (present == null) {
                    actions.add(new SyncAction.Create(namespace, source));
                } else if (!managed(present)) {
                    actions.add(new SyncAction.Conflict(present, source));
                } else if (!source.type().equals(present.getType())) {
                    actions.add(new SyncAction.Delete(present, "type differs from its source; re-created next"));
                } else if (!upToDate(present, source)) {
                    actions.add(new SyncAction.Update(present, source));
                }
            }
        }
        for (Secret copy : existing.values()) {
            String namespace = copy.getMetadata().getNamespace();
            String sourceName = sourceName(copy);
            if (!managed(copy) || sourceName == null || terminating.contains(namespace)) {
                continue;
            }
            SourceSecret source = sources.get(sourceName);
            if (source == null) {
                actions.add(new SyncAction.Delete(copy, "its source secret is gone"));
            } else if (source.usable() && !targets.contains(namespace)) {
                actions.add(new SyncAction.Delete(copy, "namespace is not opted in"));
            }
        }
        return actions;
    }

    private boolean upToDate(Secret copy, SourceSecret source) {
        return source.reference().equals(annotation(copy))
                && fingerprint.apply(copy).map(source.fingerprint()::equals).orElse(false);
    }

    /** Name of the source secret a managed copy comes from, if the copy says it comes from this injector. */
    private String sourceName(Secret copy) {
        String reference = annotation(copy);
        String prefix = injectorNamespace + "/";
        return reference != null && reference.startsWith(prefix) ? reference.substring(prefix.length()) : null;
    }

    private static String annotation(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(InjectorLabels.SOURCE_SECRET);
    }

    static boolean managed(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels != null && InjectorLabels.MANAGED_BY_VALUE.equals(labels.get(InjectorLabels.MANAGED_BY));
    }
}

package io.pullsecretinjector.patch;

import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.PodView;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the JSON Patch that adds pull secrets to a Pod and records them in an annotation.
 *
 * <p>The shapes matter: the API server applies the patch to its own encoding of the Pod, which omits empty lists
 * and maps, and a patch that fails to apply rejects the Pod even under {@code failurePolicy: Ignore}. So an absent
 * or empty list or map is created whole, and a non-empty one is only appended to.
 */
public final class PodPatch {

    private static final String PULL_SECRETS = "/spec/imagePullSecrets";
    private static final String ANNOTATIONS = "/metadata/annotations";
    private static final String INJECTED_PATH = ANNOTATIONS + "/" + JsonPointer.escape(InjectorLabels.INJECTED);

    private PodPatch() {
    }

    /** Operations adding {@code names} (none of which the Pod lists yet); empty when {@code names} is empty. */
    public static List<PatchOperation> adding(PodView pod, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<PatchOperation> ops = new ArrayList<>(names.size() + 1);
        if (pod.hasPullSecrets()) {
            for (String name : names) {
                ops.add(PatchOperation.add(PULL_SECRETS + "/-", PatchOperation.secretReference(name)));
            }
        } else {
            ops.add(PatchOperation.add(PULL_SECRETS, PatchOperation.secretReferences(names)));
        }
        ops.add(annotation(pod, injectedValue(pod.injectedAnnotation(), names)));
        return ops;
    }

    private static PatchOperation annotation(PodView pod, String value) {
        if (!pod.metadataPresent()) {
            return PatchOperation.add("/metadata", Map.of("annotations", Map.of(InjectorLabels.INJECTED, value)));
        }
        if (!pod.annotationsPresent()) {
            return PatchOperation.add(ANNOTATIONS, Map.of(InjectorLabels.INJECTED, value));
        }
        // "add" on an existing object member replaces it, which is what merging into our own annotation needs.
        return PatchOperation.add(INJECTED_PATH, value);
    }

    /** Merges {@code added} into an existing comma-separated value, keeping its order and each name once. */
    static String injectedValue(String existing, List<String> added) {
        Set<String> names = new LinkedHashSet<>();
        if (existing != null) {
            for (String name : existing.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        names.addAll(added);
        return String.join(",", names);
    }
}

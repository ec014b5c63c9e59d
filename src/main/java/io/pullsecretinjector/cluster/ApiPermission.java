package io.pullsecretinjector.cluster;

import java.util.List;
import java.util.Set;

/**
 * One RBAC rule the code needs. {@link ApiPermissions} holds the lists of them; the deploy/ RBAC and the Helm chart
 * must grant exactly these (tests render the manifests and compare).
 *
 * @param apiGroup      API group, {@code ""} for core
 * @param resource      plural resource name
 * @param verbs         verbs the code uses
 * @param namespaced    {@code true} if only needed in the injector's own namespace (a Role), {@code false} if
 *                      cluster-wide (a ClusterRole)
 * @param resourceNames the only object names the rule applies to (default names of the objects); empty means any
 *                      name. RBAC can narrow get/update/patch/delete by name, and list/watch only for requests that
 *                      carry a {@code metadata.name} field selector; it cannot narrow {@code create}.
 */
public record ApiPermission(String apiGroup, String resource, Set<String> verbs, boolean namespaced,
                            List<String> resourceNames) {

    public ApiPermission {
        verbs = Set.copyOf(verbs);
        resourceNames = List.copyOf(resourceNames);
    }

    /** A rule for objects of any name. */
    public ApiPermission(String apiGroup, String resource, Set<String> verbs, boolean namespaced) {
        this(apiGroup, resource, verbs, namespaced, List.of());
    }
}

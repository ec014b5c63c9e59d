package io.pullsecretinjector.cluster;

import java.util.Set;

/**
 * One RBAC rule the code needs. {@link ApiPermissions#REQUIRED} is the single list of them; the deploy/ RBAC must
 * grant exactly these (a test renders the manifests and compares).
 *
 * @param apiGroup  API group, {@code ""} for core
 * @param resource  plural resource name
 * @param verbs     verbs the code uses
 * @param namespaced {@code true} if only needed in the injector's own namespace (a Role), {@code false} if
 *                   cluster-wide (a ClusterRole)
 */
public record ApiPermission(String apiGroup, String resource, Set<String> verbs, boolean namespaced) {

    public ApiPermission {
        verbs = Set.copyOf(verbs);
    }
}

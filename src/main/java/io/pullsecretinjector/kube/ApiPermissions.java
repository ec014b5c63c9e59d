package io.pullsecretinjector.kube;

import java.util.List;
import java.util.Set;

/** Every Kubernetes API permission the code uses, and why. Keep in step with the calls in this package. */
public final class ApiPermissions {

    public static final List<ApiPermission> REQUIRED = List.of(
            // Namespace informer: opt-in labels and the set of namespaces to sync into.
            new ApiPermission("", "namespaces", Set.of("list", "watch"), false),
            // Secret informer (pull-secret types only) and sync of copies into opted-in namespaces.
            new ApiPermission("", "secrets", Set.of("list", "watch", "create", "update", "delete"), false),
            // Events on malformed source secrets and on sync conflicts.
            new ApiPermission("", "events", Set.of("create"), false),
            // Leader election for the sync controller, in the injector's own namespace.
            new ApiPermission("coordination.k8s.io", "leases", Set.of("get", "create", "update"), true));

    private ApiPermissions() {
    }
}

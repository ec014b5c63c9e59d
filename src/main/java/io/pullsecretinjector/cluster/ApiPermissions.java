package io.pullsecretinjector.cluster;

import java.util.List;
import java.util.Set;

/** Every Kubernetes API permission the code uses, and why. Keep in step with the calls in this package. */
public final class ApiPermissions {

    public static final List<ApiPermission> REQUIRED = List.of(
            // Namespace informer: opt-in labels and the set of namespaces to sync into.
            new ApiPermission("", "namespaces", Set.of("list", "watch"), false),
            // Secret informers (pull-secret types only, by field selector): list, watch. Sync of copies into opted-in
            // namespaces: create, update (optimistic, with the cached resourceVersion), delete (with a resourceVersion
            // precondition). Never get: everything is read from the informer cache.
            new ApiPermission("", "secrets", Set.of("list", "watch", "create", "update", "delete"), false),
            // Warning Events on malformed source secrets and on secrets that block a copy, in any namespace.
            new ApiPermission("", "events", Set.of("create"), false),
            // fabric8 leader election (LeaseLock) in the injector's own namespace: get and create the Lease, renew and
            // release it with a JSON merge patch (fabric8 7.5.2 ResourceLock#update uses PATCH, not PUT).
            new ApiPermission("coordination.k8s.io", "leases", Set.of("get", "create", "patch"), true));

    private ApiPermissions() {
    }
}

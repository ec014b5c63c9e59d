package io.pullsecretinjector.cluster;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Every Kubernetes API permission the code uses, and why. Keep in step with the calls the code makes. */
public final class ApiPermissions {

    /** Needed in every mode ({@code injector.tls.mode=files}, the application's default, needs only these). */
    public static final List<ApiPermission> REQUIRED = List.of(
            // Namespace informer: opt-in labels and the set of namespaces to sync into.
            new ApiPermission("", "namespaces", Set.of("list", "watch"), false),
            // Secret informers (pull-secret types only, by field selector): list, watch. Sync of copies into opted-in
            // namespaces: create, update (optimistic, with the cached resourceVersion), delete (with a resourceVersion
            // precondition). Never get: everything is read from the informer cache.
            new ApiPermission("", "secrets", Set.of("list", "watch", "create", "update", "delete"), false),
            // Warning Events on malformed source secrets and on secrets that block a copy, and Events on the owners of
            // admitted Pods (ReplicaSet, Job...), in any namespace.
            new ApiPermission("", "events", Set.of("create"), false),
            // fabric8 leader election (LeaseLock) in the injector's own namespace: get and create the Lease, renew and
            // release it with a JSON merge patch (fabric8 7.5.2 ResourceLock#update uses PATCH, not PUT).
            new ApiPermission("coordination.k8s.io", "leases", Set.of("get", "create", "patch"), true));

    /** Default names of the objects managed-certificate mode works on (injector.tls.* defaults). */
    public static final String CA_SECRET = "pull-secret-injector-ca";
    public static final String SERVING_SECRET = "pull-secret-injector-tls";
    public static final String WEBHOOK_CONFIGURATION = "pull-secret-injector.io";

    /** Added when {@code injector.tls.mode=managed}: the injector issues its own certificates. */
    public static final List<ApiPermission> MANAGED_TLS = List.of(
            // The CA and serving Secrets are created on a fresh install; create cannot be narrowed by name.
            new ApiPermission("", "secrets", Set.of("create"), true),
            // Every replica watches the two Secrets (informer with a metadata.name field selector, so list/watch can
            // be narrowed by name); the leader renews or replaces them with optimistic updates.
            new ApiPermission("", "secrets", Set.of("get", "list", "watch", "update"), true,
                    List.of(CA_SECRET, SERVING_SECRET)),
            // The caBundle of the webhook configuration: watched (drift is restored within seconds) and patched,
            // caBundle fields only, never a full update.
            new ApiPermission("admissionregistration.k8s.io", "mutatingwebhookconfigurations",
                    Set.of("get", "list", "watch", "patch"), false, List.of(WEBHOOK_CONFIGURATION)));

    /** The permissions of a deployment in the given certificate mode. */
    public static List<ApiPermission> forTlsMode(boolean managed) {
        return managed ? Stream.concat(REQUIRED.stream(), MANAGED_TLS.stream()).toList() : REQUIRED;
    }

    private ApiPermissions() {
    }
}

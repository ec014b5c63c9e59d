package io.pullsecretinjector.injection;

/**
 * Where the admission of a Pod reports its notices to the Pod's owner (as Events, so {@code kubectl describe} of the
 * ReplicaSet or Job shows them). Called on the request path: implementations must return at once and never call the
 * API server there.
 */
public interface OwnerEvents {

    /** Reports {@code notice} about a Pod of {@code namespace} owned by {@code owner}. */
    void report(String namespace, PodOwner owner, Notice notice);

    /** Reports nothing: no cluster, benchmarks, explain. */
    OwnerEvents NONE = (namespace, owner, notice) -> { };
}

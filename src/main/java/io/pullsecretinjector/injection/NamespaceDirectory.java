package io.pullsecretinjector.injection;

/**
 * What the webhook knows about namespaces, from a cache. Implementations never call the API server.
 */
public interface NamespaceDirectory {

    enum OptIn {
        /** The cache knows the namespace and it carries {@code pull-secret-injector.io/enabled: "true"}. */
        OPTED_IN,
        /**
         * The cache knows the namespace and it carries {@code pull-secret-injector.io/enabled: "audit"}: decided as if
         * opted in, nothing changed, nothing copied there.
         */
        AUDIT,
        /** The cache knows the namespace and its label is neither {@code "true"} nor {@code "audit"}, or absent. */
        OPTED_OUT,
        /** No cache, cache not synced, or namespace not (yet) seen: trust the API server's namespaceSelector. */
        UNKNOWN
    }

    OptIn optIn(String namespace);

    /** Used when no cluster is reachable: every namespace is unknown. */
    NamespaceDirectory UNKNOWN = namespace -> OptIn.UNKNOWN;
}

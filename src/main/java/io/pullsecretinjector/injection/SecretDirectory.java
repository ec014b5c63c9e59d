package io.pullsecretinjector.injection;

/**
 * What the webhook knows about pull secrets in namespaces, from a cache. Implementations never call the API server.
 */
public interface SecretDirectory {

    enum Presence {
        /** The secret exists in the namespace, or sync will create it there. */
        AVAILABLE,
        /** The synced cache knows the secret is absent and sync will not provide it. */
        MISSING,
        /** No cache or cache not synced. */
        UNKNOWN
    }

    Presence presence(String namespace, String secretName);

    /** Used when no cluster is reachable. */
    SecretDirectory UNKNOWN = (namespace, secretName) -> Presence.UNKNOWN;
}

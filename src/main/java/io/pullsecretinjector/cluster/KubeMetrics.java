package io.pullsecretinjector.cluster;

/**
 * Micrometer names of the cluster-side metrics; Prometheus shows them with dots as underscores and counters with
 * {@code _total}. Values are names, namespaces, counts and states only, never secret data.
 */
public final class KubeMetrics {

    /** Gauge 1/0, tag {@code cache=namespaces|secrets}: synced and watching. */
    public static final String CACHE_SYNCED = "injector.cache.synced";
    /** Counter: a secret pull-secret-injector does not manage is in the way of a copy. */
    public static final String SYNC_CONFLICTS = "injector.sync.conflicts";
    /** Counter, tag {@code action=create|update|delete}: writes of copies. */
    public static final String SYNC_WRITES = "injector.sync.writes";
    /** Gauge: malformed source secrets right now. */
    public static final String SOURCE_SECRETS_MALFORMED = "injector.source.secrets.malformed";
    /** Counter: Events written on the owners of admitted Pods. */
    public static final String EVENTS_WRITTEN = "injector.events.written";
    /** Counter, tag {@code reason=queue_full|api_error}: Events on owners not written. */
    public static final String EVENTS_DROPPED = "injector.events.dropped";
    /** Gauge: malformed namespace-local (team-owned) source secrets right now. */
    public static final String NAMESPACE_SOURCE_SECRETS_MALFORMED = "injector.namespace.source.secrets.malformed";
    /** Gauge 1/0: this replica holds the sync Lease. */
    public static final String LEADER = "injector.leader";

    private KubeMetrics() {
    }
}

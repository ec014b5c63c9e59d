package io.pullsecretinjector.sync;

import io.pullsecretinjector.caches.ClusterCaches;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Writes of copies the cache has not shown yet. A sync pass plans from the cache, and the cache learns of our own
 * write a moment after it returns; without this, a pass in between would repeat the write (and a repeated create
 * would fail as a false conflict). An entry ends when the cache shows the written version, or after 30 s.
 */
public final class PendingWrites {

    private static final long EXPECTATION_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long REFUSED_NANOS = TimeUnit.MINUTES.toNanos(5);

    /** What the cache should show after a write: the new resourceVersion, or {@code null} for a deletion. */
    private record Expected(boolean created, String resourceVersion, long untilNanos) {
    }

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final Map<String, Long> refusedUntil = new ConcurrentHashMap<>();

    void created(String key, String resourceVersion) {
        expected.put(key, new Expected(true, resourceVersion, System.nanoTime() + EXPECTATION_NANOS));
    }

    void updated(String key, String resourceVersion) {
        expected.put(key, new Expected(false, resourceVersion, System.nanoTime() + EXPECTATION_NANOS));
    }

    void deleted(String key) {
        expected.put(key, new Expected(false, null, System.nanoTime() + EXPECTATION_NANOS));
    }

    /** A create the API refused because another secret holds the name: not retried for 5 minutes. */
    void refused(String key) {
        refusedUntil.put(key, System.nanoTime() + REFUSED_NANOS);
    }

    /** Whether a create of {@code key} must wait: our own create is not in the cache yet, or it was refused lately. */
    boolean holdCreate(String key) {
        Expected pending = expected.get(key);
        Long refused = refusedUntil.get(key);
        long now = System.nanoTime();
        return pending != null && pending.created() && now < pending.untilNanos() || refused != null && now < refused;
    }

    /** Whether the cache still shows {@code cached} as it was before our last write of it. */
    boolean holdChange(String key, Secret cached) {
        Expected pending = expected.get(key);
        if (pending == null) {
            return false;
        }
        boolean caughtUp = pending.resourceVersion() != null
                && pending.resourceVersion().equals(cached.getMetadata().getResourceVersion());
        if (caughtUp || System.nanoTime() >= pending.untilNanos()) {
            expected.remove(key, pending);
            return false;
        }
        return true;
    }

    /** A cache event: once it shows the written version (or the deletion), the write is no longer pending. */
    void seen(Secret before, Secret after) {
        Secret secret = after != null ? after : before;
        String key = ClusterCaches.key(secret);
        Expected pending = expected.get(key);
        if (pending != null && (after == null ? pending.resourceVersion() == null
                : after.getMetadata().getResourceVersion().equals(pending.resourceVersion()))) {
            expected.remove(key, pending);
        }
    }
}

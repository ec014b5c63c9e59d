package io.pullsecretinjector.injection;

import io.pullsecretinjector.image.RegistryIndex;

/**
 * The registry rules in force right now: the static configuration merged with rules learnt from source secrets, and
 * per namespace, the rules of that namespace's own source secrets.
 * Implementations swap immutable snapshots, so a read is one volatile load.
 */
public interface RegistryRules {

    RegistryIndex current();

    /**
     * The rules for Pods of {@code namespace}: {@link #current()} plus the rules of that namespace's own
     * (team-owned) source secrets, which apply nowhere else.
     */
    default RegistryIndex current(String namespace) {
        return current();
    }
}

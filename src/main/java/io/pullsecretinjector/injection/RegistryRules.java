package io.pullsecretinjector.injection;

import io.pullsecretinjector.image.RegistryIndex;

/**
 * The registry rules in force right now: the static configuration merged with rules learnt from source secrets.
 * Implementations swap immutable snapshots, so a read is one volatile load.
 */
public interface RegistryRules {

    RegistryIndex current();
}

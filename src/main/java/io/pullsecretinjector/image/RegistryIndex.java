package io.pullsecretinjector.image;

import java.util.List;

/**
 * Immutable lookup structure over registry rules whose cost per lookup does not grow with the number of rules.
 */
public final class RegistryIndex {

    public static final RegistryIndex EMPTY = of(List.of());

    /** Builds an index; {@code rules} are in configuration order, which {@link #matching} preserves. */
    public static RegistryIndex of(List<RegistryRule> rules) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Every rule whose pattern matches {@code name} (an {@link ImageReference#name()}), in configuration order. */
    public List<RegistryRule> matching(String name) {
        throw new UnsupportedOperationException("TODO");
    }

    public List<RegistryRule> rules() {
        throw new UnsupportedOperationException("TODO");
    }
}

package io.pullsecretinjector.image;

import java.util.List;

/**
 * One registry pattern and the pull secrets it grants.
 *
 * @param pattern         the registry pattern
 * @param secrets         secret names, in the order they were configured
 * @param origin          where the rule comes from, for messages: {@code config} or {@code secret <ns>/<name>}
 * @param unusableReason  {@code null} for a usable rule; otherwise why its secrets must not be injected (a malformed
 *                        source secret), so that a Pod it matches gets a warning instead of a secret
 */
public record RegistryRule(RegistryPattern pattern, List<String> secrets, String origin, String unusableReason) {

    public RegistryRule {
        secrets = List.copyOf(secrets);
    }

    public static RegistryRule usable(RegistryPattern pattern, List<String> secrets, String origin) {
        return new RegistryRule(pattern, secrets, origin, null);
    }

    public boolean usable() {
        return unusableReason == null;
    }
}

package io.pullsecretinjector.injection;

import java.util.List;

/**
 * The result of deciding about one Pod.
 *
 * @param outcome         {@link Outcome#PATCHED} when {@code secretsToAdd} is not empty
 * @param secretsToAdd    secret names the Pod lacks, in the order they must be appended
 * @param missingSecrets  those of {@code secretsToAdd} that the cache knows are absent from the namespace
 * @param warnings        messages for the user (returned as admission warnings, which kubectl prints)
 * @param reason          why the Pod was skipped or left unchanged, for logs
 */
public record InjectionDecision(Outcome outcome, List<String> secretsToAdd, List<String> missingSecrets,
                                List<String> warnings, String reason) {

    public InjectionDecision {
        secretsToAdd = List.copyOf(secretsToAdd);
        missingSecrets = List.copyOf(missingSecrets);
        warnings = List.copyOf(warnings);
    }

    public static InjectionDecision skipped(String reason, List<String> warnings) {
        return new InjectionDecision(Outcome.SKIPPED, List.of(), List.of(), warnings, reason);
    }
}

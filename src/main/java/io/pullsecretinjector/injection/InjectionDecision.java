package io.pullsecretinjector.injection;

import java.util.List;

/**
 * The result of deciding about one Pod.
 *
 * @param outcome         {@link Outcome#PATCHED} when {@code secretsToAdd} is not empty, {@link Outcome#AUDITED}
 *                        when {@code wouldAdd} is not empty
 * @param secretsToAdd    secret names the patch appends, in order; always empty in an audit namespace
 * @param missingSecrets  those of {@code secretsToAdd} (or {@code wouldAdd}) that the cache knows are absent from the
 *                        namespace
 * @param notices         messages for the user, exactly as returned in admission warnings and Event messages
 * @param reason          why the Pod was skipped or left unchanged, for logs
 * @param wouldAdd        audit namespace only: what {@code secretsToAdd} would be if the namespace were opted in
 */
public record InjectionDecision(Outcome outcome, List<String> secretsToAdd, List<String> missingSecrets,
                                List<Notice> notices, String reason, List<String> wouldAdd) {

    public InjectionDecision {
        secretsToAdd = List.copyOf(secretsToAdd);
        missingSecrets = List.copyOf(missingSecrets);
        notices = List.copyOf(notices);
        wouldAdd = List.copyOf(wouldAdd);
    }

    public static InjectionDecision skipped(String reason) {
        return new InjectionDecision(Outcome.SKIPPED, List.of(), List.of(), List.of(), reason, List.of());
    }

    /** The notices' texts, in order: the admission warnings. */
    public List<String> warnings() {
        return notices.stream().map(Notice::text).toList();
    }
}

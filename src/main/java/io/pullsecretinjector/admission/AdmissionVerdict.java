package io.pullsecretinjector.admission;

import io.pullsecretinjector.injection.InjectionDecision;
import io.pullsecretinjector.injection.Outcome;
import io.pullsecretinjector.patch.PatchOperation;

import java.util.List;
import java.util.Map;

/**
 * What {@code /mutate} answers to one readable request, before any side effect (metrics, logs, Events): everything
 * that goes into the response. {@link AdmissionHandler#verdict} is the one place that makes it.
 *
 * @param outcome          the label of {@code injector_admissions_total}
 * @param patch            the JSON Patch, empty for none
 * @param warnings         admission warnings, in order
 * @param auditAnnotations {@code auditAnnotations} of the response (the API server stores each key as
 *                         {@code <webhook name>/<key>} in its audit log)
 * @param decision         the decision behind it, {@code null} when the request was not decided (not a Pod CREATE or
 *                         ephemeral-container update, or the Pod could not be read)
 */
public record AdmissionVerdict(Outcome outcome, List<PatchOperation> patch, List<String> warnings,
                               Map<String, String> auditAnnotations, InjectionDecision decision) {

    /**
     * Audit annotation key on every patched admission: the secrets added, comma-separated. No {@code /}: the API
     * server prefixes the webhook name and the whole key must be a qualified name.
     */
    public static final String INJECTED = "injected";
    /** Audit annotation key on an admission in an audit namespace: the secrets that would have been added. */
    public static final String WOULD_INJECT = "would-inject";

    public AdmissionVerdict {
        patch = List.copyOf(patch);
        warnings = List.copyOf(warnings);
        auditAnnotations = Map.copyOf(auditAnnotations);
    }

    static AdmissionVerdict skipped(List<String> warnings) {
        return new AdmissionVerdict(Outcome.SKIPPED, List.of(), warnings, Map.of(), null);
    }
}

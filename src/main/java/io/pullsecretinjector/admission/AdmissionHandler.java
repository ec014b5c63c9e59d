package io.pullsecretinjector.admission;

import io.pullsecretinjector.injection.InjectionDecision;
import io.pullsecretinjector.injection.Outcome;
import io.pullsecretinjector.injection.PullSecretInjector;
import io.pullsecretinjector.patch.PatchOperation;
import io.pullsecretinjector.patch.PodPatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Turns an AdmissionReview body into a response body. Never denies a Pod: an unreadable envelope is an HTTP 400
 * (the API server then applies the webhook's failurePolicy), and anything uncertain about a well-formed request lets
 * the Pod through unchanged with a warning.
 */
@ApplicationScoped
public class AdmissionHandler {

    private static final Logger LOG = Logger.getLogger(AdmissionHandler.class);
    private static final int MAX_PROBLEMS_SHOWN = 3;
    /** Far above any real Pod (the API server caps objects at about 3 MiB), far below what could hurt the heap. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final AdmissionReviewReader reader = new AdmissionReviewReader();
    private final AdmissionResponseWriter writer = new AdmissionResponseWriter();
    private final PullSecretInjector injector;
    private final AdmissionMetrics metrics;

    public AdmissionHandler(PullSecretInjector injector, AdmissionMetrics metrics) {
        this.injector = injector;
        this.metrics = metrics;
    }

    /** The answer: an HTTP status and a JSON body. */
    public record Answer(int status, byte[] body) {
    }

    public Answer handle(byte[] body) {
        return handle(body, body == null ? 0 : body.length);
    }

    /**
     * Answers the body in {@code body[0, length)}; {@code length} may exceed the array (a body too large to keep,
     * counted but not stored) and is then answered 400 without being read.
     */
    public Answer handle(byte[] body, long length) {
        long start = System.nanoTime();
        AdmissionRequest request;
        try {
            if (length > MAX_BODY_BYTES) {
                throw new MalformedReviewException("body is " + length + " bytes, over the limit of "
                        + MAX_BODY_BYTES + " bytes (4 MiB)");
            }
            request = reader.read(body, (int) length);
        } catch (MalformedReviewException e) {
            LOG.warnf("Rejected a malformed AdmissionReview with HTTP 400: %s", e.getMessage());
            metrics.admission(Outcome.REJECTED, start);
            return new Answer(400, writer.badRequest(e.getMessage()));
        }
        return answer(request, start);
    }

    private Answer answer(AdmissionRequest request, long start) {
        if (!request.isPodCreate()) {
            return allowed(request, Outcome.SKIPPED, List.of(), problemWarnings(request), start);
        }
        if (request.pod() == null || !request.problems().isEmpty()) {
            List<String> warnings = request.pod() == null
                    ? List.of("pull-secret-injector: the Pod could not be read (no object); left unchanged")
                    : problemWarnings(request);
            LOG.warnf("Pod %s/%s (uid %s) left unchanged: %s", request.namespace(), podName(request),
                    request.uid(), warnings);
            return allowed(request, Outcome.SKIPPED, List.of(), warnings, start);
        }
        InjectionDecision decision = injector.decide(request.namespace(), request.pod());
        List<PatchOperation> patch = PodPatch.adding(request.pod(), decision.secretsToAdd());
        List<String> warnings = decision.warnings().stream().map(w -> "pull-secret-injector: " + w).toList();
        if (!warnings.isEmpty()) {
            LOG.warnf("Pod %s/%s (uid %s): %s", request.namespace(), podName(request), request.uid(), warnings);
        }
        for (String secret : decision.secretsToAdd()) {
            metrics.injected(secret);
        }
        for (String secret : decision.missingSecrets()) {
            metrics.missing(secret);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Pod %s/%s (uid %s): %s, %s %s", request.namespace(), podName(request), request.uid(),
                    decision.outcome().label(), decision.reason(), decision.secretsToAdd());
        }
        return allowed(request, decision.outcome(), patch, warnings, start);
    }

    private Answer allowed(AdmissionRequest request, Outcome outcome, List<PatchOperation> patch,
                           List<String> warnings, long start) {
        byte[] body = writer.allowed(request.apiVersion(), request.uid(), patch, warnings);
        metrics.admission(outcome, start);
        return new Answer(200, body);
    }

    private static List<String> problemWarnings(AdmissionRequest request) {
        if (request.problems().isEmpty()) {
            return List.of();
        }
        List<String> shown = request.problems().subList(0, Math.min(MAX_PROBLEMS_SHOWN, request.problems().size()));
        return List.of("pull-secret-injector: request not understood (" + String.join("; ", shown)
                + "); left unchanged");
    }

    private static String podName(AdmissionRequest request) {
        return request.pod() == null ? "" : request.pod().displayName();
    }
}

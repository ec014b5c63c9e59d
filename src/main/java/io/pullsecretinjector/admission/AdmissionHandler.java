package io.pullsecretinjector.admission;

import io.pullsecretinjector.injection.ContainerImage;
import io.pullsecretinjector.injection.InjectionDecision;
import io.pullsecretinjector.injection.Notice;
import io.pullsecretinjector.injection.Outcome;
import io.pullsecretinjector.injection.OwnerEvents;
import io.pullsecretinjector.injection.PodOwner;
import io.pullsecretinjector.injection.PodView;
import io.pullsecretinjector.injection.PullSecretInjector;
import io.pullsecretinjector.patch.PatchOperation;
import io.pullsecretinjector.patch.PodPatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an AdmissionReview body into a response body. Never denies a Pod: an unreadable envelope is an HTTP 400
 * (the API server then applies the webhook's failurePolicy), and anything uncertain about a well-formed request lets
 * the Pod through unchanged with a warning.
 *
 * <p>{@link #verdict} computes the answer without side effects; {@link #handle} adds the side effects of a real
 * admission: log lines, metrics, and the notices handed to {@link OwnerEvents} for the Pod's owner.
 */
@ApplicationScoped
public class AdmissionHandler {

    private static final Logger LOG = Logger.getLogger(AdmissionHandler.class);
    private static final int MAX_PROBLEMS_SHOWN = 3;
    private static final String EPHEMERAL_CONTAINERS = "ephemeralContainers";
    /** Far above any real Pod (the API server caps objects at about 3 MiB), far below what could hurt the heap. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final AdmissionReviewReader reader = new AdmissionReviewReader();
    private final AdmissionResponseWriter writer = new AdmissionResponseWriter();
    private final PullSecretInjector injector;
    private final AdmissionMetrics metrics;
    private final OwnerEvents ownerEvents;

    @Inject
    public AdmissionHandler(PullSecretInjector injector, AdmissionMetrics metrics, OwnerEvents ownerEvents) {
        this.injector = injector;
        this.metrics = metrics;
        this.ownerEvents = ownerEvents;
    }

    /** Without Events (benchmarks, fuzzing). */
    public AdmissionHandler(PullSecretInjector injector, AdmissionMetrics metrics) {
        this(injector, metrics, OwnerEvents.NONE);
    }

    /** The answer: an HTTP status and a JSON body. */
    public record Answer(int status, byte[] body) {
    }

    public Answer handle(byte[] body) {
        return handle(body, 0, body == null ? 0 : body.length);
    }

    /**
     * Answers the body in {@code body[offset, offset + length)}; {@code length} may exceed the array (a body too large
     * to keep, counted but not stored) and is then answered 400 without being read.
     */
    public Answer handle(byte[] body, int offset, long length) {
        long start = System.nanoTime();
        AdmissionRequest request;
        try {
            if (length > MAX_BODY_BYTES) {
                throw new MalformedReviewException("body is " + length + " bytes, over the limit of "
                        + MAX_BODY_BYTES + " bytes (4 MiB)");
            }
            request = reader.read(body, offset, (int) length);
        } catch (MalformedReviewException e) {
            LOG.warnf("Rejected a malformed AdmissionReview with HTTP 400: %s", e.getMessage());
            metrics.admission(Outcome.REJECTED, start);
            return new Answer(400, writer.badRequest(e.getMessage()));
        }
        AdmissionVerdict verdict = verdict(request);
        record(request, verdict);
        byte[] answer = writer.allowed(request.apiVersion(), request.uid(), verdict.patch(), verdict.warnings(),
                verdict.auditAnnotations());
        metrics.admission(verdict.outcome(), start);
        return new Answer(200, answer);
    }

    /** What the webhook answers to {@code request}; no log line, metric or Event. */
    public AdmissionVerdict verdict(AdmissionRequest request) {
        boolean readable = request.pod() != null && request.problems().isEmpty();
        if (request.isEphemeralContainersUpdate() && readable) {
            InjectionDecision decision = injector.checkEphemeral(request.namespace(), request.pod(),
                    addedEphemeralContainers(request.pod(), request.oldPod()));
            return new AdmissionVerdict(decision.outcome(), List.of(), decision.warnings(), Map.of(), decision);
        }
        if (!request.isPodCreate()) {
            return AdmissionVerdict.skipped(problemWarnings(request));
        }
        if (!readable) {
            return AdmissionVerdict.skipped(request.pod() == null
                    ? List.of(Notice.PREFIX + "the Pod could not be read (no object); left unchanged")
                    : problemWarnings(request));
        }
        InjectionDecision decision = injector.decide(request.namespace(), request.pod());
        List<PatchOperation> patch = PodPatch.adding(request.pod(), decision.secretsToAdd());
        Map<String, String> auditAnnotations = switch (decision.outcome()) {
            case PATCHED -> Map.of(AdmissionVerdict.INJECTED, String.join(",", decision.secretsToAdd()));
            case AUDITED -> Map.of(AdmissionVerdict.WOULD_INJECT, String.join(",", decision.wouldAdd()));
            default -> Map.of();
        };
        return new AdmissionVerdict(decision.outcome(), patch, decision.warnings(), auditAnnotations, decision);
    }

    /** Log lines, per-secret metrics and owner Events of a real admission. */
    private void record(AdmissionRequest request, AdmissionVerdict verdict) {
        InjectionDecision decision = verdict.decision();
        if (decision == null) {
            if (request.isPodCreate() && !verdict.warnings().isEmpty()) {
                LOG.warnf("Pod %s/%s (uid %s) left unchanged: %s", request.namespace(), podName(request),
                        request.uid(), verdict.warnings());
            }
            return;
        }
        List<String> problems = decision.notices().stream().filter(n -> n.kind().problem()).map(Notice::text)
                .toList();
        if (!problems.isEmpty()) {
            LOG.warnf("Pod %s/%s (uid %s): %s", request.namespace(), podName(request), request.uid(), problems);
        }
        if (decision.outcome() == Outcome.AUDITED) {
            LOG.infof("Pod %s/%s (uid %s) in audit namespace: would add %s", request.namespace(), podName(request),
                    request.uid(), decision.wouldAdd());
        }
        if (decision.outcome() == Outcome.PATCHED) {
            decision.secretsToAdd().forEach(metrics::injected);
            decision.missingSecrets().forEach(metrics::missing);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Pod %s/%s (uid %s): %s, %s %s", request.namespace(), podName(request), request.uid(),
                    decision.outcome().label(), decision.reason(), decision.secretsToAdd());
        }
        PodOwner owner = request.pod().owner();
        // Creations only: the person running kubectl debug reads the warnings of their own request.
        if (owner != null && request.isPodCreate() && !request.dryRun()) {
            for (Notice notice : decision.notices()) {
                ownerEvents.report(request.namespace(), owner, notice);
            }
        }
    }

    /** The ephemeral containers of {@code pod} that {@code old} does not have (all of them without {@code old}). */
    static List<ContainerImage> addedEphemeralContainers(PodView pod, PodView old) {
        Set<String> existing = old == null ? Set.of() : old.images().stream()
                .filter(c -> EPHEMERAL_CONTAINERS.equals(c.field())).map(ContainerImage::name)
                .collect(Collectors.toSet());
        return pod.images().stream()
                .filter(c -> EPHEMERAL_CONTAINERS.equals(c.field()) && !existing.contains(c.name()))
                .toList();
    }

    private static List<String> problemWarnings(AdmissionRequest request) {
        if (request.problems().isEmpty()) {
            return List.of();
        }
        List<String> shown = request.problems().subList(0, Math.min(MAX_PROBLEMS_SHOWN, request.problems().size()));
        return List.of(Notice.PREFIX + "request not understood (" + String.join("; ", shown)
                + "); left unchanged");
    }

    private static String podName(AdmissionRequest request) {
        return request.pod() == null ? "" : request.pod().displayName();
    }
}

package io.pullsecretinjector.admission;

import io.pullsecretinjector.injection.PodView;

import java.util.List;

/**
 * The parts of an AdmissionReview request this webhook reads.
 *
 * @param apiVersion      {@code admission.k8s.io/v1} or {@code v1beta1}; the response uses the same
 * @param uid             request uid, echoed in the response
 * @param kindGroup       {@code request.kind.group}, {@code null} if absent
 * @param kind            {@code request.kind.kind}, {@code null} if absent
 * @param resourceGroup   {@code request.resource.group}, {@code null} if absent
 * @param resource        {@code request.resource.resource}, {@code null} if absent
 * @param subResource     {@code request.subResource}, {@code null} or empty for the object itself
 * @param operation       {@code CREATE}, {@code UPDATE}...
 * @param namespace       {@code request.namespace} (the object may carry none on CREATE), else empty
 * @param pod             the object read as a Pod, {@code null} if there is none
 * @param problems        fields of the request or the Pod that had the wrong type
 * @param oldPod          {@code oldObject} read as a Pod (UPDATE only), {@code null} if there is none; its type
 *                        problems are not kept: it only tells which ephemeral containers are new
 * @param dryRun          {@code request.dryRun}: nothing will be persisted, so nothing is written elsewhere either
 *                        (no Events: the webhook declares {@code sideEffects: NoneOnDryRun})
 */
public record AdmissionRequest(String apiVersion, String uid, String kindGroup, String kind, String resourceGroup,
                               String resource, String subResource, String operation, String namespace,
                               PodView pod, List<String> problems, PodView oldPod, boolean dryRun) {

    /** The ephemeral containers subresource: where {@code kubectl debug} adds containers to a running Pod. */
    public static final String EPHEMERAL_CONTAINERS = "ephemeralcontainers";

    /** A request without {@code oldObject}, not a dry run. */
    public AdmissionRequest(String apiVersion, String uid, String kindGroup, String kind, String resourceGroup,
                            String resource, String subResource, String operation, String namespace,
                            PodView pod, List<String> problems) {
        this(apiVersion, uid, kindGroup, kind, resourceGroup, resource, subResource, operation, namespace, pod,
                problems, null, false);
    }

    /** Only CREATE of the Pod itself is mutated: Pod specs are immutable afterwards, subresources are not Pods. */
    public boolean isPodCreate() {
        return isPod() && (subResource == null || subResource.isEmpty()) && "CREATE".equals(operation);
    }

    /**
     * UPDATE of {@code pods/ephemeralcontainers} ({@code kubectl debug}), whose object is the whole Pod (Kubernetes
     * 1.22 and later; before, it was an {@code EphemeralContainers} object, which is not read).
     */
    public boolean isEphemeralContainersUpdate() {
        return isPod() && EPHEMERAL_CONTAINERS.equals(subResource) && "UPDATE".equals(operation);
    }

    private boolean isPod() {
        boolean podKind = kind != null ? "Pod".equals(kind) && isCore(kindGroup)
                : "pods".equals(resource) && isCore(resourceGroup);
        boolean podResource = resource == null || "pods".equals(resource) && isCore(resourceGroup);
        return podKind && podResource;
    }

    private static boolean isCore(String group) {
        return group == null || group.isEmpty();
    }
}

package io.pullsecretinjector.injection;

import java.util.List;

/**
 * The few facts about a Pod that the injection decision and the patch need, read from the admission request without
 * binding the whole Pod.
 *
 * @param displayName         {@code metadata.name}, else {@code metadata.generateName + "*"}, for messages
 * @param enabledLabel        value of the Pod label {@code pull-secret-injector.io/enabled}, or {@code null}
 * @param mirror              whether the Pod is a kubelet mirror Pod (annotation {@code kubernetes.io/config.mirror})
 * @param images              container images in kubelet start order: init containers, containers, ephemeral
 * @param pullSecrets         names already in {@code spec.imagePullSecrets}, in order
 * @param metadataPresent     whether {@code metadata} is an object in the request
 * @param annotationsPresent  whether {@code metadata.annotations} is a non-empty object
 * @param injectedAnnotation  current value of {@code pull-secret-injector.io/injected}, or {@code null}
 * @param owner               the owner Events go to, or {@code null} when the Pod has no usable owner reference
 */
public record PodView(String displayName, String enabledLabel, boolean mirror, List<ContainerImage> images,
                      List<String> pullSecrets, boolean metadataPresent, boolean annotationsPresent,
                      String injectedAnnotation, PodOwner owner) {

    public PodView {
        images = List.copyOf(images);
        pullSecrets = List.copyOf(pullSecrets);
    }

    /** A Pod without an owner. */
    public PodView(String displayName, String enabledLabel, boolean mirror, List<ContainerImage> images,
                   List<String> pullSecrets, boolean metadataPresent, boolean annotationsPresent,
                   String injectedAnnotation) {
        this(displayName, enabledLabel, mirror, images, pullSecrets, metadataPresent, annotationsPresent,
                injectedAnnotation, null);
    }

    /**
     * The API server encodes an empty list as absent, and a patch is applied to that encoding, so an empty
     * {@code imagePullSecrets} must be created whole rather than appended to.
     */
    public boolean hasPullSecrets() {
        return !pullSecrets.isEmpty();
    }
}

package io.pullsecretinjector.injection;

/**
 * The image of one container of a Pod.
 *
 * @param field the Pod spec list it comes from: {@code initContainers}, {@code containers} or
 *              {@code ephemeralContainers}
 * @param name  the container name (may be empty in a malformed Pod)
 * @param image the image string as written, or {@code null} when the container has none
 */
public record ContainerImage(String field, String name, String image) {
}

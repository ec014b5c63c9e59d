package io.pullsecretinjector.injection;

/**
 * The object that owns a Pod, from its {@code metadata.ownerReferences}: the controller reference if there is one,
 * else the first. Events about the Pod's admission go to it, because a controller-created Pod's warnings reach the
 * controller, not a person.
 *
 * @param apiVersion e.g. {@code apps/v1}
 * @param kind       e.g. {@code ReplicaSet}
 * @param name       the owner's name, in the Pod's namespace
 * @param uid        the owner's uid
 */
public record PodOwner(String apiVersion, String kind, String name, String uid) {
}

package io.pullsecretinjector.events;

import io.pullsecretinjector.injection.Notice;
import io.pullsecretinjector.injection.PodOwner;

/** Writes one Event on a Pod's owner; throws when it cannot. Called by the queue's writer thread only. */
@FunctionalInterface
interface OwnerEventSink {

    void write(String namespace, PodOwner owner, Notice notice);

    /**
     * Events through {@code recorder}: a problem is a Warning, audit information is Normal; the reason names the kind
     * of notice, the message is the admission warning's text.
     */
    static OwnerEventSink of(EventRecorder recorder) {
        return (namespace, owner, notice) -> recorder.record(
                new EventTarget(owner.apiVersion(), owner.kind(), namespace, owner.name(), owner.uid()),
                notice.kind().problem() ? EventRecorder.WARNING : EventRecorder.NORMAL, reason(notice.kind()),
                notice.text());
    }

    static String reason(Notice.Kind kind) {
        return switch (kind) {
            case MISSING_SECRET -> "PullSecretMissing";
            case INVALID_IMAGE -> "InvalidImageReference";
            case UNUSABLE_RULE -> "MalformedSourceSecret";
            case WOULD_ADD -> "PullSecretsWouldBeAdded";
            case EPHEMERAL_SECRET_NOT_LISTED -> "EphemeralImageNeedsPullSecret";
        };
    }
}

package io.pullsecretinjector.injection;

/**
 * One message about a decision, exactly as the user sees it: as an admission warning (which kubectl prints) and as
 * the message of an Event on the Pod's owner.
 *
 * @param kind what the message is about
 * @param text the full text, prefixed {@code pull-secret-injector: } or, in an audit namespace,
 *             {@code pull-secret-injector (audit): }
 */
public record Notice(Kind kind, String text) {

    public static final String PREFIX = "pull-secret-injector: ";
    public static final String AUDIT_PREFIX = "pull-secret-injector (audit): ";

    public enum Kind {
        /** A secret is injected although the cache knows it does not exist in the namespace. */
        MISSING_SECRET,
        /** A container has no image, or one the kubelet would reject. */
        INVALID_IMAGE,
        /** A rule matched but cannot be used (its source secret is malformed). */
        UNUSABLE_RULE,
        /** Audit mode: the secrets that would be added. Informational, not a problem. */
        WOULD_ADD,
        /** kubectl debug: an ephemeral container's image needs secrets the Pod does not list. */
        EPHEMERAL_SECRET_NOT_LISTED;

        /** Whether this is something to fix (a Warning Event) rather than information (a Normal one). */
        public boolean problem() {
            return this != WOULD_ADD;
        }
    }
}

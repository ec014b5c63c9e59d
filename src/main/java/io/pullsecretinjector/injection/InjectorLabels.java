package io.pullsecretinjector.injection;

/**
 * The labels and annotations pull-secret-injector reads and writes. The deploy/ manifests must use the same
 * values; a test renders them and compares.
 */
public final class InjectorLabels {

    /**
     * Namespace label {@code "true"} opts a namespace in, {@code "audit"} has it evaluated without changes; Pod label
     * {@code "false"} opts a Pod out.
     */
    public static final String ENABLED = "pull-secret-injector.io/enabled";

    /** Label {@code "true"} on a secret in the injector's namespace makes it a source secret. */
    public static final String SOURCE = "pull-secret-injector.io/source";

    /** Pod annotation listing the secrets this webhook added (comma-separated). */
    public static final String INJECTED = "pull-secret-injector.io/injected";

    /** Annotation on a synced copy naming its source secret as {@code <namespace>/<name>}. */
    public static final String SOURCE_SECRET = "pull-secret-injector.io/source-secret";

    /** Standard label marking the secrets pull-secret-injector manages (its copies). */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "pull-secret-injector";

    /** Annotation the kubelet puts on mirror Pods of static Pods; those are never mutated. */
    public static final String MIRROR_POD = "kubernetes.io/config.mirror";

    public static final String TRUE = "true";
    public static final String FALSE = "false";
    /** Namespace label value: decide as if opted in, report what would be added, change nothing. */
    public static final String AUDIT = "audit";

    private InjectorLabels() {
    }
}

package io.pullsecretinjector.injection;

import io.pullsecretinjector.image.ImageMatch;
import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.image.RegistryRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which pull secrets a Pod gains. Pure: it reads the rules and the caches through the interfaces it owns and
 * never performs I/O, so it answers in microseconds whatever the state of the API server.
 *
 * <p>Rules, in the order they are applied:
 * <ol>
 *   <li>a mirror Pod, or a Pod labelled {@code pull-secret-injector.io/enabled: "false"}, is never changed;</li>
 *   <li>a namespace the cache knows and that is labelled neither {@code "true"} nor {@code "audit"} is left alone
 *       (defence against a mis-edited namespaceSelector); an unknown namespace trusts the API server;</li>
 *   <li>every image of init, regular and ephemeral containers is normalised as the kubelet does and matched against
 *       every rule; all matching rules contribute (first image first, then configuration order), each secret once;</li>
 *   <li>secrets the Pod already lists are not added again; existing entries are never removed or reordered;</li>
 *   <li>in an audit namespace the same decision is made, but reported ({@link Notice.Kind#WOULD_ADD}) instead of
 *       added.</li>
 * </ol>
 */
@ApplicationScoped
public class PullSecretInjector {

    private final RegistryRules rules;
    private final NamespaceDirectory namespaces;
    private final SecretDirectory secrets;

    public PullSecretInjector(RegistryRules rules, NamespaceDirectory namespaces, SecretDirectory secrets) {
        this.rules = rules;
        this.namespaces = namespaces;
        this.secrets = secrets;
    }

    /** The decision for a Pod being created in {@code namespace}. */
    public InjectionDecision decide(String namespace, PodView pod) {
        NamespaceDirectory.OptIn optIn = namespaces.optIn(namespace);
        String ineligible = ineligible(namespace, pod, optIn);
        if (ineligible != null) {
            return InjectionDecision.skipped(ineligible);
        }
        boolean audit = optIn == NamespaceDirectory.OptIn.AUDIT;
        Notices notices = new Notices(audit ? Notice.AUDIT_PREFIX : Notice.PREFIX);
        RegistryIndex index = rules.current(namespace);
        Set<String> wanted = new LinkedHashSet<>();
        for (ContainerImage container : pod.images()) {
            ImageMatch match = matchOf(index, container, notices);
            if (match != null) {
                wanted.addAll(match.secrets());
            }
        }
        wanted.removeAll(pod.pullSecrets());
        if (wanted.isEmpty()) {
            return new InjectionDecision(Outcome.UNCHANGED, List.of(), List.of(), notices.list(), "no secret to add",
                    List.of());
        }
        List<String> missing = new ArrayList<>(0);
        for (String secret : wanted) {
            if (secrets.presence(namespace, secret) == SecretDirectory.Presence.MISSING) {
                missing.add(secret);
                // Injected anyway: imagePullSecrets cannot be added after creation, and the kubelet uses the secret
                // as soon as it appears.
                notices.add(Notice.Kind.MISSING_SECRET, "pull secret \"" + secret + "\" does not exist in namespace \""
                        + namespace + "\"; image pulls fail until it is created");
            }
        }
        if (audit) {
            List<Notice> all = new ArrayList<>();
            all.add(new Notice(Notice.Kind.WOULD_ADD,
                    Notice.AUDIT_PREFIX + "would add imagePullSecrets " + String.join(", ", wanted)));
            all.addAll(notices.list());
            return new InjectionDecision(Outcome.AUDITED, List.of(), missing, all,
                    "audit namespace: secrets reported, not added", List.copyOf(wanted));
        }
        return new InjectionDecision(Outcome.PATCHED, List.copyOf(wanted), missing, notices.list(), "secrets added",
                List.of());
    }

    /**
     * The check for ephemeral containers added to a running Pod ({@code kubectl debug}: UPDATE of
     * {@code pods/ephemeralcontainers}). {@code imagePullSecrets} cannot change after creation, so nothing is ever
     * added: each added image whose secrets the Pod does not list gets a notice naming them, because the kubelet
     * would pull it without credentials.
     *
     * @param added the ephemeral containers this request adds
     */
    public InjectionDecision checkEphemeral(String namespace, PodView pod, List<ContainerImage> added) {
        String ineligible = ineligible(namespace, pod, namespaces.optIn(namespace));
        if (ineligible != null) {
            return InjectionDecision.skipped(ineligible);
        }
        Notices notices = new Notices(Notice.PREFIX);
        RegistryIndex index = rules.current(namespace);
        for (ContainerImage container : added) {
            ImageMatch match = matchOf(index, container, notices);
            if (match == null) {
                continue;
            }
            Set<String> needed = new LinkedHashSet<>(match.secrets());
            needed.removeAll(pod.pullSecrets());
            if (!needed.isEmpty()) {
                notices.add(Notice.Kind.EPHEMERAL_SECRET_NOT_LISTED, "ephemeral container " + container.name()
                        + " image " + container.image() + " needs imagePullSecrets " + String.join(", ", needed)
                        + ", which this Pod does not list; imagePullSecrets cannot change after creation: recreate "
                        + "the Pod or pull the image without credentials");
            }
        }
        return new InjectionDecision(Outcome.UNCHANGED, List.of(), List.of(), notices.list(),
                "ephemeral containers are checked, never changed", List.of());
    }

    /** Why the Pod is not considered at all, or {@code null} when it is. */
    private static String ineligible(String namespace, PodView pod, NamespaceDirectory.OptIn optIn) {
        if (pod.mirror()) {
            return "mirror Pod of a static Pod";
        }
        if (InjectorLabels.FALSE.equals(pod.enabledLabel())) {
            return "Pod opted out with " + InjectorLabels.ENABLED + "=false";
        }
        if (optIn == NamespaceDirectory.OptIn.OPTED_OUT) {
            return "namespace " + namespace + " is not labelled " + InjectorLabels.ENABLED + "=true or "
                    + InjectorLabels.AUDIT;
        }
        return null;
    }

    /**
     * What the rules say about {@code container}'s image, its problems added to {@code notices}; {@code null} when it
     * has no valid image.
     */
    private static ImageMatch matchOf(RegistryIndex index, ContainerImage container, Notices notices) {
        if (container.image() == null || container.image().isEmpty()) {
            notices.add(Notice.Kind.INVALID_IMAGE, container.field() + " \"" + container.name()
                    + "\" has no image; no pull secret for it");
            return null;
        }
        ImageMatch match = index.forImage(container.image());
        if (!match.isValid()) {
            notices.add(Notice.Kind.INVALID_IMAGE, container.field() + " \"" + container.name() + "\": image \""
                    + container.image() + "\" is not a valid image reference (" + match.invalid()
                    + "); no pull secret for it");
            return null;
        }
        for (RegistryRule rule : match.unusableRules()) {
            // Not per container: every image that hits a broken rule says the same thing.
            notices.add(Notice.Kind.UNUSABLE_RULE, "no secret from " + rule.origin() + " for registry "
                    + rule.pattern().key() + ": " + rule.unusableReason());
        }
        return match;
    }

    /** Notices in order, each text once even when many containers share an image. */
    private static final class Notices {
        private final String prefix;
        private final Map<String, Notice> byText = new LinkedHashMap<>();

        Notices(String prefix) {
            this.prefix = prefix;
        }

        void add(Notice.Kind kind, String message) {
            String text = prefix + message;
            byText.putIfAbsent(text, new Notice(kind, text));
        }

        List<Notice> list() {
            return List.copyOf(byText.values());
        }
    }
}

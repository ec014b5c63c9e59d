package io.pullsecretinjector.injection;

import io.pullsecretinjector.image.ImageReference;
import io.pullsecretinjector.image.InvalidImageReferenceException;
import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.image.RegistryRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which pull secrets a Pod gains. Pure: it reads the rules and the caches through the interfaces it owns and
 * never performs I/O, so it answers in microseconds whatever the state of the API server.
 *
 * <p>Rules, in the order they are applied:
 * <ol>
 *   <li>a mirror Pod, or a Pod labelled {@code pull-secret-injector.io/enabled: "false"}, is never changed;</li>
 *   <li>a namespace the cache knows and that is not labelled {@code pull-secret-injector.io/enabled: "true"} is left
 *       alone (defence against a mis-edited namespaceSelector); an unknown namespace trusts the API server;</li>
 *   <li>every image of init, regular and ephemeral containers is normalised as the kubelet does and matched against
 *       every rule; all matching rules contribute (first image first, then configuration order), each secret once;</li>
 *   <li>secrets the Pod already lists are not added again; existing entries are never removed or reordered.</li>
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

    public InjectionDecision decide(String namespace, PodView pod) {
        if (pod.mirror()) {
            return InjectionDecision.skipped("mirror Pod of a static Pod", List.of());
        }
        if (InjectorLabels.FALSE.equals(pod.enabledLabel())) {
            return InjectionDecision.skipped("Pod opted out with " + InjectorLabels.ENABLED + "=false", List.of());
        }
        if (namespaces.optIn(namespace) == NamespaceDirectory.OptIn.OPTED_OUT) {
            return InjectionDecision.skipped("namespace " + namespace + " is not labelled "
                    + InjectorLabels.ENABLED + "=true", List.of());
        }

        RegistryIndex index = rules.current(namespace);
        Set<String> wanted = new LinkedHashSet<>();
        // A set: one warning per distinct problem even when many containers share an image.
        Set<String> warnings = new LinkedHashSet<>();
        for (ContainerImage container : pod.images()) {
            collect(index, container, wanted, warnings);
        }
        wanted.removeAll(pod.pullSecrets());
        if (wanted.isEmpty()) {
            return new InjectionDecision(Outcome.UNCHANGED, List.of(), List.of(), List.copyOf(warnings),
                    "no secret to add");
        }
        List<String> missing = new ArrayList<>(0);
        for (String secret : wanted) {
            if (secrets.presence(namespace, secret) == SecretDirectory.Presence.MISSING) {
                missing.add(secret);
                // Injected anyway: imagePullSecrets cannot be added after creation, and the kubelet uses the secret
                // as soon as it appears.
                warnings.add("pull secret \"" + secret + "\" does not exist in namespace \"" + namespace
                        + "\"; image pulls fail until it is created");
            }
        }
        return new InjectionDecision(Outcome.PATCHED, List.copyOf(wanted), missing, List.copyOf(warnings),
                "secrets added");
    }

    private static void collect(RegistryIndex index, ContainerImage container, Set<String> wanted,
                                Set<String> warnings) {
        if (container.image() == null || container.image().isEmpty()) {
            warnings.add(container.field() + " \"" + container.name() + "\" has no image; no pull secret for it");
            return;
        }
        String name;
        try {
            name = ImageReference.parse(container.image()).name();
        } catch (InvalidImageReferenceException e) {
            warnings.add(container.field() + " \"" + container.name() + "\": image \"" + container.image()
                    + "\" is not a valid image reference (" + e.getMessage() + "); no pull secret for it");
            return;
        }
        for (RegistryRule rule : index.matching(name)) {
            if (rule.usable()) {
                wanted.addAll(rule.secrets());
            } else {
                // Not per container: every image that hits a broken rule says the same thing.
                warnings.add("no secret from " + rule.origin() + " for registry " + rule.pattern().key()
                        + ": " + rule.unusableReason());
            }
        }
    }
}

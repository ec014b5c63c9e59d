package io.pullsecretinjector.image;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an index gives one image string: its normalised name and the rules that match it, or why it is not a valid
 * reference. Also holds what a decision needs from those rules, worked out once: the secrets of the usable rules and
 * the rules that cannot be used.
 */
public final class ImageMatch {

    private final String name;
    private final List<RegistryRule> rules;
    private final String invalid;
    private final List<String> secrets;
    private final List<RegistryRule> unusableRules;

    private ImageMatch(String name, List<RegistryRule> rules, String invalid) {
        this.name = name;
        this.rules = List.copyOf(rules);
        this.invalid = invalid;
        Set<String> granted = new LinkedHashSet<>();
        List<RegistryRule> unusable = new ArrayList<>(0);
        for (RegistryRule rule : this.rules) {
            if (rule.usable()) {
                granted.addAll(rule.secrets());
            } else {
                unusable.add(rule);
            }
        }
        this.secrets = List.copyOf(granted);
        this.unusableRules = List.copyOf(unusable);
    }

    static ImageMatch valid(String name, List<RegistryRule> rules) {
        return new ImageMatch(name, rules, null);
    }

    static ImageMatch invalid(String reason) {
        return new ImageMatch(null, List.of(), reason);
    }

    /** The {@link ImageReference#name()}, or {@code null} when the image is invalid. */
    public String name() {
        return name;
    }

    /** The matching rules in configuration order; empty when the image is invalid. */
    public List<RegistryRule> rules() {
        return rules;
    }

    /** Why the kubelet would refuse the image ({@link InvalidImageReferenceException}'s message), or {@code null}. */
    public String invalid() {
        return invalid;
    }

    public boolean isValid() {
        return invalid == null;
    }

    /** The secrets of the usable matching rules: first rule first, in each rule's order, each once. */
    public List<String> secrets() {
        return secrets;
    }

    /** The matching rules whose secrets must not be injected (see {@link RegistryRule#unusableReason()}). */
    public List<RegistryRule> unusableRules() {
        return unusableRules;
    }

    @Override
    public String toString() {
        return isValid() ? name + " -> " + secrets : "invalid: " + invalid;
    }
}

package io.pullsecretinjector.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pullsecretinjector.image.ImageReference;
import io.pullsecretinjector.image.InvalidImageReferenceException;
import io.pullsecretinjector.image.MatchExplanation;
import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.image.RegistryRule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rules match one image and why the rules near it do not. Pure: the index is the one admission uses for the
 * namespace ({@code RegistryRules.current(namespace)}), and matching goes through its {@code matching}, the lookup
 * the decision makes.
 */
final class ImageExplainer {

    /** Enough to show what is close without flooding the answer when a registry has many rules. */
    static final int MAX_NEAR_MISSES = 20;

    private ImageExplainer() {
    }

    /**
     * @param reference  the normalised lookup name, {@code null} if the image is invalid
     * @param error      why the image is invalid, in the words of the admission warning
     * @param matches    every matching rule, in the order the decision applies them
     * @param nearMisses rules close to the image that do not match, with every reason
     * @param secrets    the secrets the usable matches grant, in order, each once
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String image, String reference, String error, List<RuleView> matches, List<NearMiss> nearMisses,
                  Integer moreNearMisses, List<String> secrets) {
    }

    record NearMiss(RuleView rule, List<String> why) {
    }

    static Result explain(String image, RegistryIndex index, String injectorNamespace) {
        String name;
        try {
            name = ImageReference.parse(image).name();
        } catch (InvalidImageReferenceException e) {
            return new Result(image, null, "image \"" + image + "\" is not a valid image reference ("
                    + e.getMessage() + "); no pull secret for it", List.of(), List.of(), null, List.of());
        }
        List<RegistryRule> matching = index.matching(name);
        Set<String> secrets = new LinkedHashSet<>();
        List<RuleView> matches = new ArrayList<>(matching.size());
        for (RegistryRule rule : matching) {
            matches.add(RuleView.of(rule, injectorNamespace));
            if (rule.usable()) {
                secrets.addAll(rule.secrets());
            }
        }
        List<NearMiss> near = new ArrayList<>();
        int more = 0;
        for (RegistryRule rule : index.rules()) {
            if (matching.contains(rule) || !MatchExplanation.near(rule.pattern(), name)) {
                continue;
            }
            if (near.size() < MAX_NEAR_MISSES) {
                near.add(new NearMiss(RuleView.of(rule, injectorNamespace),
                        MatchExplanation.whyNot(rule.pattern(), name)));
            } else {
                more++;
            }
        }
        return new Result(image, name, null, matches, near, more == 0 ? null : more, List.copyOf(secrets));
    }
}

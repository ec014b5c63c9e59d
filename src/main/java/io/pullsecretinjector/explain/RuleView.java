package io.pullsecretinjector.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pullsecretinjector.config.ConfiguredRules;
import io.pullsecretinjector.image.RegistryRule;

import java.util.List;

/**
 * One registry rule as explain shows it.
 *
 * @param pattern    the pattern as written (a {@code user:password@} part of a source key is masked)
 * @param secrets    the secrets it grants, in order
 * @param origin     {@code static configuration} or {@code source secret <namespace>/<name>}
 * @param appliesTo  {@code every namespace}, or {@code namespace <name> only} for a team-owned source
 * @param usable     whether a match injects the secrets
 * @param problem    why not, when not usable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleView(String pattern, List<String> secrets, String origin, String appliesTo, boolean usable,
                       String problem) {

    static final String EVERY_NAMESPACE = "every namespace";
    private static final String SOURCE_ORIGIN_PREFIX = "secret ";

    static RuleView of(RegistryRule rule, String injectorNamespace) {
        String sourceNamespace = sourceNamespace(rule.origin());
        String appliesTo = sourceNamespace == null || sourceNamespace.equals(injectorNamespace)
                ? EVERY_NAMESPACE : "namespace " + sourceNamespace + " only";
        return new RuleView(rule.pattern().key(), rule.secrets(), describeOrigin(rule.origin()), appliesTo,
                rule.usable(), rule.unusableReason());
    }

    /** The rule's origin in words: {@code config} and {@code secret ns/name} are the terse forms warnings use. */
    static String describeOrigin(String origin) {
        if (ConfiguredRules.ORIGIN.equals(origin)) {
            return "static configuration";
        }
        return origin.startsWith(SOURCE_ORIGIN_PREFIX) ? "source " + origin : origin;
    }

    private static String sourceNamespace(String origin) {
        if (!origin.startsWith(SOURCE_ORIGIN_PREFIX)) {
            return null;
        }
        int slash = origin.indexOf('/');
        return slash < 0 ? null : origin.substring(SOURCE_ORIGIN_PREFIX.length(), slash);
    }
}

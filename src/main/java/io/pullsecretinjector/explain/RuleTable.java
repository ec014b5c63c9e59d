package io.pullsecretinjector.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pullsecretinjector.image.RegistryRule;
import io.pullsecretinjector.sources.LearntRegistryRules;
import io.pullsecretinjector.sources.NamespaceSources;
import io.pullsecretinjector.sources.SourceSecret;
import io.pullsecretinjector.sources.SourceSecrets;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The effective rule table: every rule admission applies, global ones first in the order the decision uses, then
 * each namespace's own, by namespace. A source secret too malformed to yield any pattern has no rule to show, so it is
 * listed separately with its problem.
 */
final class RuleTable {

    private RuleTable() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Table(List<RuleView> rules, List<SourceWithoutRules> sourcesWithoutRules) {
    }

    record SourceWithoutRules(String origin, String appliesTo, String problem) {
    }

    static Table of(LearntRegistryRules rules, SourceSecrets sources, NamespaceSources namespaceSources,
                    String injectorNamespace) {
        List<RuleView> views = new ArrayList<>();
        for (RegistryRule rule : rules.current().rules()) {
            views.add(RuleView.of(rule, injectorNamespace));
        }
        namespaceSources.all().keySet().forEach(namespace -> rules.namespaceRules(namespace)
                .forEach(rule -> views.add(RuleView.of(rule, injectorNamespace))));
        List<SourceWithoutRules> withoutRules = Stream.concat(sources.current().values().stream(),
                        namespaceSources.all().values().stream().flatMap(m -> m.values().stream()))
                .filter(source -> source.config().patterns().isEmpty())
                .map(source -> new SourceWithoutRules("source secret " + source.reference(),
                        appliesTo(source, injectorNamespace), source.config().problem()))
                .toList();
        return new Table(views, withoutRules);
    }

    private static String appliesTo(SourceSecret source, String injectorNamespace) {
        return source.namespace().equals(injectorNamespace) ? RuleView.EVERY_NAMESPACE
                : "namespace " + source.namespace() + " only";
    }
}

package io.pullsecretinjector.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pullsecretinjector.injection.ContainerImage;
import io.pullsecretinjector.injection.InjectionDecision;
import io.pullsecretinjector.injection.PodView;
import io.pullsecretinjector.injection.PullSecretInjector;
import io.pullsecretinjector.sources.LearntRegistryRules;
import io.pullsecretinjector.sources.NamespaceSources;
import io.pullsecretinjector.sources.SourceSecrets;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Answers "which rules are there" and "what happens to this image in that namespace", from the rules and caches
 * admission uses. The decision part comes from {@link PullSecretInjector} itself, run on a Pod with that one image.
 */
@Singleton
class Explainer {

    private final LearntRegistryRules rules;
    private final SourceSecrets sources;
    private final NamespaceSources namespaceSources;
    private final PullSecretInjector injector;
    private final ClusterFacts cluster;

    Explainer(LearntRegistryRules rules, SourceSecrets sources, NamespaceSources namespaceSources,
              PullSecretInjector injector, ClusterFacts cluster) {
        this.rules = rules;
        this.sources = sources;
        this.namespaceSources = namespaceSources;
        this.injector = injector;
        this.cluster = cluster;
    }

    /** What the decision says about a Pod in the namespace whose only container has the image. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PodDecision(String outcome, String reason, List<String> secretsToAdd, List<String> warnings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageAnswer(ImageExplainer.Result image, ClusterFacts.NamespaceState namespace,
                       List<ClusterFacts.SecretStatus> secrets, PodDecision decision) {
    }

    RuleTable.Table rules() {
        return RuleTable.of(rules, sources, namespaceSources, cluster.injectorNamespace());
    }

    ImageAnswer image(String image, String namespace) {
        String ns = namespace == null ? "" : namespace;
        ImageExplainer.Result result = ImageExplainer.explain(image, rules.current(ns), cluster.injectorNamespace());
        if (ns.isEmpty()) {
            return new ImageAnswer(result, null, null, null);
        }
        List<ClusterFacts.SecretStatus> secrets = result.secrets().stream().map(s -> cluster.secret(ns, s)).toList();
        return new ImageAnswer(result, cluster.namespace(ns), secrets, decide(image, ns));
    }

    /** Image explanations for the containers of a Pod, as {@link #image} gives them but without the decision. */
    ImageExplainer.Result imageOnly(String image, String namespace) {
        return ImageExplainer.explain(image, rules.current(namespace), cluster.injectorNamespace());
    }

    ClusterFacts.NamespaceState namespace(String namespace) {
        return cluster.namespace(namespace);
    }

    private PodDecision decide(String image, String namespace) {
        PodView pod = new PodView("explain", null, false, List.of(new ContainerImage("containers", "explain", image)),
                List.of(), true, false, null);
        InjectionDecision decision = injector.decide(namespace, pod);
        return new PodDecision(decision.outcome().label(), decision.reason(), decision.secretsToAdd(),
                decision.warnings());
    }
}

package io.pullsecretinjector.injection;

import io.pullsecretinjector.image.InvalidRegistryPatternException;
import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.image.RegistryPattern;
import io.pullsecretinjector.image.RegistryRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision alone, with the caches replaced by plain answers. */
class PullSecretInjectorTest {

    private static final List<RegistryRule> RULES = List.of(
            rule("registry.example.com", "regcred"),
            rule("*.example.com", "wildcard"),
            rule("docker.io", "hub"),
            rule("ghcr.io/acme", "acme"),
            new RegistryRule(pattern("quay.io"), List.of("broken"), "secret pull-secret-injector/broken",
                    "its .dockerconfigjson has no auths"));

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("every matching pattern contributes, first image first",
                        pod("nginx", "registry.example.com/a"), List.of("hub", "regcred", "wildcard")),
                Arguments.of("a secret wanted by two images is added once",
                        pod("registry.example.com/a", "registry.example.com/b"), List.of("regcred", "wildcard")),
                Arguments.of("secrets the Pod lists are not added again",
                        listing(pod("registry.example.com/a"), "wildcard"), List.of("regcred")),
                Arguments.of("a path prefix pattern matches below it", pod("ghcr.io/acme/app"), List.of("acme")),
                Arguments.of("an unknown registry gets nothing", pod("gcr.io/x"), List.of()),
                Arguments.of("a rule from a malformed secret gives no secret", pod("quay.io/x/y"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesWhichSecretsToAdd(String name, PodView pod, List<String> expected) {
        InjectionDecision decision = injector(NamespaceDirectory.UNKNOWN, SecretDirectory.UNKNOWN)
                .decide("team-a", pod);

        assertThat(decision.secretsToAdd()).isEqualTo(expected);
        assertThat(decision.outcome()).isEqualTo(expected.isEmpty() ? Outcome.UNCHANGED : Outcome.PATCHED);
    }

    @Test
    void aPodOptedOutWithTheLabelIsSkipped() {
        PodView pod = new PodView("p", "false", false, images("registry.example.com/a"), List.of(), true, false,
                null);
        InjectionDecision decision = injector(NamespaceDirectory.UNKNOWN, SecretDirectory.UNKNOWN)
                .decide("team-a", pod);

        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.secretsToAdd()).isEmpty();
    }

    @Test
    void aNamespaceTheCacheKnowsAsNotOptedInIsSkipped() {
        InjectionDecision decision = injector(ns -> NamespaceDirectory.OptIn.OPTED_OUT, SecretDirectory.UNKNOWN)
                .decide("team-b", pod("registry.example.com/a"));

        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.reason()).contains("team-b");
    }

    @Test
    void anOptedInNamespaceIsMutated() {
        InjectionDecision decision = injector(ns -> NamespaceDirectory.OptIn.OPTED_IN, SecretDirectory.UNKNOWN)
                .decide("team-a", pod("registry.example.com/a"));

        assertThat(decision.secretsToAdd()).containsExactly("regcred", "wildcard");
    }

    @Test
    void aSecretKnownToBeMissingIsStillInjectedWithAWarningNamingSecretAndNamespace() {
        SecretDirectory secrets = (ns, name) -> name.equals("regcred")
                ? SecretDirectory.Presence.MISSING : SecretDirectory.Presence.AVAILABLE;
        InjectionDecision decision = injector(NamespaceDirectory.UNKNOWN, secrets)
                .decide("team-a", pod("registry.example.com/a"));

        assertThat(decision.secretsToAdd()).containsExactly("regcred", "wildcard");
        assertThat(decision.missingSecrets()).containsExactly("regcred");
        assertThat(decision.warnings()).singleElement().asString().contains("\"regcred\"", "\"team-a\"");
    }

    @Test
    void aMatchOfAMalformedSecretsRuleIsAWarningNamingTheSecret() {
        InjectionDecision decision = injector(NamespaceDirectory.UNKNOWN, SecretDirectory.UNKNOWN)
                .decide("team-a", pod("quay.io/x/y", "quay.io/x/z"));

        assertThat(decision.warnings()).singleElement().asString()
                .contains("pull-secret-injector/broken", "no auths");
    }

    @Test
    void anInvalidImageIsAWarningNamingTheContainerAndOtherImagesStillCount() {
        InjectionDecision decision = injector(NamespaceDirectory.UNKNOWN, SecretDirectory.UNKNOWN)
                .decide("team-a", pod("UPPER/Case", "nginx"));

        assertThat(decision.secretsToAdd()).containsExactly("hub");
        assertThat(decision.warnings()).singleElement().asString().contains("\"c0\"", "UPPER/Case");
    }

    @Test
    void anAuditNamespaceIsDecidedAsOptedInButOnlyReported() {
        NamespaceDirectory audit = namespace -> NamespaceDirectory.OptIn.AUDIT;
        InjectionDecision decision = injector(audit, SecretDirectory.UNKNOWN)
                .decide("team-a", pod("registry.example.com/a", "nginx"));

        assertThat(decision.outcome()).isEqualTo(Outcome.AUDITED);
        assertThat(decision.secretsToAdd()).as("nothing is added").isEmpty();
        assertThat(decision.wouldAdd()).containsExactly("regcred", "wildcard", "hub");
        assertThat(decision.notices()).first().isEqualTo(new Notice(Notice.Kind.WOULD_ADD,
                "pull-secret-injector (audit): would add imagePullSecrets regcred, wildcard, hub"));
    }

    @Test
    void problemsInAnAuditNamespaceAreReportedAsAuditFindings() {
        NamespaceDirectory audit = namespace -> NamespaceDirectory.OptIn.AUDIT;
        SecretDirectory absent = (namespace, secret) -> SecretDirectory.Presence.MISSING;
        InjectionDecision decision = injector(audit, absent).decide("team-a", pod("registry.example.com/a", "UPPER"));

        assertThat(decision.missingSecrets()).containsExactly("regcred", "wildcard");
        assertThat(decision.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.WOULD_ADD,
                Notice.Kind.INVALID_IMAGE, Notice.Kind.MISSING_SECRET, Notice.Kind.MISSING_SECRET);
        assertThat(decision.warnings()).allSatisfy(w -> assertThat(w).startsWith("pull-secret-injector (audit): "));
    }

    @Test
    void anAuditPodThatNeedsNothingIsUnchanged() {
        NamespaceDirectory audit = namespace -> NamespaceDirectory.OptIn.AUDIT;
        InjectionDecision decision = injector(audit, SecretDirectory.UNKNOWN).decide("team-a", pod("gcr.io/x"));

        assertThat(decision.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(decision.notices()).isEmpty();
    }

    static Stream<Arguments> ephemeralChecks() {
        return Stream.of(
                Arguments.of("an added image whose secret the Pod lacks is named with the secret",
                        pod("nginx"), ephemeral("debugger", "registry.example.com/tools:1"),
                        List.of("pull-secret-injector: ephemeral container debugger image registry.example.com/tools:1"
                                + " needs imagePullSecrets regcred, wildcard, which this Pod does not list; "
                                + "imagePullSecrets cannot change after creation: recreate the Pod or pull the image "
                                + "without credentials")),
                Arguments.of("only the secrets the Pod lacks are named",
                        listing(pod("nginx"), "regcred"), ephemeral("debugger", "registry.example.com/tools:1"),
                        List.of("pull-secret-injector: ephemeral container debugger image registry.example.com/tools:1"
                                + " needs imagePullSecrets wildcard, which this Pod does not list; imagePullSecrets "
                                + "cannot change after creation: recreate the Pod or pull the image without "
                                + "credentials")),
                Arguments.of("an added image whose secrets the Pod lists gets no warning",
                        listing(pod("nginx"), "regcred", "wildcard"),
                        ephemeral("debugger", "registry.example.com/tools:1"), List.of()),
                Arguments.of("an added image no rule matches gets no warning",
                        pod("nginx"), ephemeral("debugger", "busybox.example.org/busybox"), List.of()),
                Arguments.of("an invalid added image is reported as in a Pod",
                        pod("nginx"), ephemeral("debugger", "Tools:1"),
                        List.of("pull-secret-injector: ephemeralContainers \"debugger\": image \"Tools:1\" is not a "
                                + "valid image reference (repository name 'library/Tools' must be lowercase); no "
                                + "pull secret for it")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ephemeralChecks")
    void ephemeralContainersAreCheckedNeverPatched(String name, PodView pod, List<ContainerImage> added,
                                                   List<String> warnings) {
        InjectionDecision decision = injector(NamespaceDirectory.UNKNOWN, SecretDirectory.UNKNOWN)
                .checkEphemeral("team-a", pod, added);

        assertThat(decision.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(decision.secretsToAdd()).isEmpty();
        assertThat(decision.warnings()).isEqualTo(warnings);
    }

    @Test
    void ephemeralContainersInAnOptedOutNamespaceAreNotChecked() {
        NamespaceDirectory optedOut = namespace -> NamespaceDirectory.OptIn.OPTED_OUT;
        InjectionDecision decision = injector(optedOut, SecretDirectory.UNKNOWN)
                .checkEphemeral("team-a", pod("nginx"), ephemeral("debugger", "registry.example.com/tools:1"));

        assertThat(decision.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(decision.notices()).isEmpty();
    }

    private static List<ContainerImage> ephemeral(String name, String image) {
        return List.of(new ContainerImage("ephemeralContainers", name, image));
    }

    @Test
    void mirrorPodsAreNeverChanged() {
        PodView mirror = new PodView("p", null, true, images("registry.example.com/a"), List.of(), true, true, null);

        assertThat(injector(NamespaceDirectory.UNKNOWN, SecretDirectory.UNKNOWN).decide("team-a", mirror).outcome())
                .isEqualTo(Outcome.SKIPPED);
    }

    private static PodView pod(String... images) {
        return new PodView("p", null, false, images(images), List.of(), true, false, null);
    }

    private static PodView listing(PodView pod, String... secrets) {
        return new PodView(pod.displayName(), null, false, pod.images(), List.of(secrets), true, false, null);
    }

    private static List<ContainerImage> images(String... images) {
        List<ContainerImage> list = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            list.add(new ContainerImage("containers", "c" + i, images[i]));
        }
        return list;
    }

    private static RegistryRule rule(String pattern, String secret) {
        return RegistryRule.usable(pattern(pattern), List.of(secret), "config");
    }

    private static RegistryPattern pattern(String key) {
        try {
            return RegistryPattern.parse(key);
        } catch (InvalidRegistryPatternException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PullSecretInjector injector(NamespaceDirectory namespaces, SecretDirectory secrets) {
        RegistryIndex index = RegistryIndex.of(RULES);
        return new PullSecretInjector(() -> index, namespaces, secrets);
    }
}

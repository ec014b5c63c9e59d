package io.pullsecretinjector.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryIndexTest {

    static Stream<Arguments> lookups() {
        return Stream.of(
                // description, patterns in configuration order, image, indexes of the rules expected, in order
                arguments("no rule matches an unrelated registry",
                        List.of("reg.example.com", "*.example.com"), "ghcr.io/app", List.of()),
                arguments("an exact host rule matches",
                        List.of("ghcr.io", "reg.example.com"), "reg.example.com/app", List.of(1)),
                arguments("every matching rule contributes, in configuration order",
                        List.of("*.example.com", "a.example.com/team", "other.io", "a.*.com", "a.example.com"),
                        "a.example.com/team/app", List.of(0, 1, 3, 4)),
                arguments("configuration order wins over specificity",
                        List.of("a.example.com", "a.*.com", "a.example.com/team", "*.example.com"),
                        "a.example.com/team/app", List.of(0, 1, 2, 3)),
                arguments("rules with the same pattern all contribute",
                        List.of("reg.example.com", "ghcr.io", "reg.example.com"), "reg.example.com/app", List.of(0, 2)),
                arguments("path prefixes of every length contribute",
                        List.of("reg.example.com/team/app", "reg.example.com/t", "reg.example.com/team", "reg.example.com",
                                "reg.example.com/other"),
                        "reg.example.com/team/app", List.of(0, 1, 2, 3)),
                arguments("a rule for another port does not contribute",
                        List.of("reg.example.com:5000", "reg.example.com", "*.example.com:5000"), "reg.example.com/app", List.of(1)),
                arguments("port rules match images on that port only",
                        List.of("reg.example.com:5000", "reg.example.com", "*.example.com:5000"), "reg.example.com:5000/app", List.of(0, 2)),
                arguments("Docker Hub rules of every form match an official image",
                        List.of("*.io", "docker.io/library", "docker.io", "https://index.docker.io/v1/", "docker.io/nginx"),
                        "nginx", List.of(0, 1, 2, 3)),
                arguments("wildcards with different literal suffixes are all found",
                        List.of("*.b.example.com", "*.*.example.com", "*.*.*.com", "a.*.example.com", "*.example.com"),
                        "a.b.example.com/app", List.of(0, 1, 2, 3)),
                arguments("an IPv6 rule and a one-label wildcard both match",
                        List.of("[::1]:5000", "*:5000", "[::2]:5000"), "[::1]:5000/app", List.of(0, 1)),
                arguments("a one-label wildcard matches localhost but not with a port",
                        List.of("*", "localhost", "localhost:5000"), "localhost/app", List.of(0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void findsEveryMatchingRuleInConfigurationOrder(String description, List<String> patterns, String image,
            List<Integer> expected) throws Exception {
        List<RegistryRule> rules = rules(patterns.size(), i -> patterns.get(i));
        RegistryIndex index = RegistryIndex.of(rules);

        List<RegistryRule> found = index.matching(ImageReference.parse(image).name());

        assertThat(found).containsExactlyElementsOf(expected.stream().map(rules::get).toList());
    }

    @Test
    void theEmptyIndexMatchesNothing() {
        assertThat(RegistryIndex.EMPTY.rules()).isEmpty();
        assertThat(RegistryIndex.EMPTY.matching("docker.io/library/nginx")).isEmpty();
    }

    @Test
    void aNameNoImageCanHaveMatchesNothing() throws Exception {
        RegistryIndex index = RegistryIndex.of(rules(3, i -> List.of("*", "a.*.b", "reg").get(i)));

        assertThat(index.matching(null)).isEmpty();
        assertThat(index.matching("")).isEmpty();
        assertThat(index.matching("a..b/app")).isEmpty();
        assertThat(index.matching("reg:http/app")).isEmpty();
    }

    @Test
    void keepsTheRulesItWasGivenEvenWhenTheSourceListChanges() throws Exception {
        List<RegistryRule> source = new ArrayList<>(rules(2, i -> List.of("reg.example.com", "*.example.com").get(i)));
        RegistryIndex index = RegistryIndex.of(source);
        List<RegistryRule> given = List.copyOf(source);

        source.clear();

        assertThat(index.rules()).containsExactlyElementsOf(given);
        assertThat(index.matching("reg.example.com/app")).containsExactlyElementsOf(given);
    }

    @Test
    void returnsListsNobodyCanChange() throws Exception {
        RegistryIndex index = RegistryIndex.of(rules(3, i -> List.of("reg.example.com", "*.example.com", "ghcr.io").get(i)));
        RegistryRule extra = index.rules().get(2);

        assertThatThrownBy(() -> index.rules().add(extra)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> index.matching("reg.example.com/app").add(extra))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> index.matching("ghcr.io/app").add(extra)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> index.matching("quay.io/app").add(extra)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void findsUnusableRulesSoTheirPodsCanBeWarned() throws Exception {
        RegistryRule broken = new RegistryRule(RegistryPattern.parse("reg.example.com"), List.of("regcred"),
                "secret ns/regcred", "malformed .dockerconfigjson");

        assertThat(RegistryIndex.of(List.of(broken)).matching("reg.example.com/app")).containsExactly(broken);
    }

    /**
     * 10,000 rules of every shape the index treats differently (exact hosts, ports, path prefixes, wildcards in every
     * label position, IPv6, Docker Hub) must give, for every name, exactly what testing each pattern gives.
     */
    @Test
    void agreesWithTestingEveryRuleOn10000Rules() throws Exception {
        Random random = new Random(7);
        List<RegistryRule> rules = rules(10_000, i -> generatedPattern(random));
        RegistryIndex index = RegistryIndex.of(rules);

        int namesWithMatches = 0;
        int namesWithSeveralMatches = 0;
        for (int i = 0; i < 600; i++) {
            String name = ImageReference.parse(generatedImage(random)).name();
            List<RegistryRule> expected = rules.stream().filter(rule -> rule.pattern().matches(name)).toList();

            assertThat(index.matching(name)).as("rules matching %s", name).containsExactlyElementsOf(expected);
            namesWithMatches += expected.isEmpty() ? 0 : 1;
            namesWithSeveralMatches += expected.size() > 2 ? 1 : 0;
        }
        // The comparison only means something if the names hit the rules in both ways.
        assertThat(namesWithMatches).isBetween(200, 550);
        assertThat(namesWithSeveralMatches).isGreaterThan(50);
    }

    /**
     * {@link RegistryIndex#forImage} remembers: asked twice, and past its bound (where it starts again), it must still
     * give what parsing and {@link RegistryIndex#matching} give, for valid and invalid images alike.
     */
    @Test
    void forImageAnswersWhatParsingAndMatchingAnswerWhetherRememberedOrNot() throws Exception {
        Random random = new Random(11);
        List<RegistryRule> rules = rules(2_000, i -> generatedPattern(random));
        RegistryIndex index = RegistryIndex.of(rules);
        List<String> images = new ArrayList<>();
        for (int i = 0; i < 3 * RegistryIndex.MAX_REMEMBERED_IMAGES; i++) {
            images.add(i % 7 == 0 ? "Invalid/Upper-" + i : generatedImage(random) + "-" + i);
        }

        for (int pass = 0; pass < 2; pass++) {
            for (String image : images) {
                ImageMatch expected = parsedAndMatched(index, image);
                ImageMatch actual = index.forImage(image);
                assertThat(actual.name()).as("name of %s, pass %d", image, pass).isEqualTo(expected.name());
                assertThat(actual.rules()).as("rules of %s, pass %d", image, pass).isEqualTo(expected.rules());
                assertThat(actual.invalid()).as("reason of %s, pass %d", image, pass).isEqualTo(expected.invalid());
            }
        }
        assertThat(index.rememberedImages()).isBetween(1, RegistryIndex.MAX_REMEMBERED_IMAGES);
    }

    @Test
    void forImageGathersTheSecretsOfUsableRulesInOrderEachOnceAndSetsBrokenRulesApart() throws Exception {
        RegistryRule first = RegistryRule.usable(RegistryPattern.parse("*.example.com"), List.of("b", "a"), "config");
        RegistryRule broken = new RegistryRule(RegistryPattern.parse("reg.example.com"), List.of("c"),
                "secret ns/c", "malformed .dockerconfigjson");
        RegistryRule second = RegistryRule.usable(RegistryPattern.parse("reg.example.com/team"), List.of("a", "d"),
                "config");
        RegistryIndex index = RegistryIndex.of(List.of(first, broken, second));

        ImageMatch match = index.forImage("reg.example.com/team/app:1");

        assertThat(match.secrets()).containsExactly("b", "a", "d");
        assertThat(match.unusableRules()).containsExactly(broken);
        assertThat(index.forImage("INVALID").secrets()).isEmpty();
    }

    @Test
    void forImageDoesNotRememberStringsLongerThanAnyValidReference() {
        RegistryIndex index = RegistryIndex.of(List.of());
        String huge = "reg.example.com/" + "a".repeat(RegistryIndex.MAX_REMEMBERED_LENGTH);

        assertThat(index.forImage(huge).isValid()).isFalse();
        assertThat(index.forImage("reg.example.com/app").isValid()).isTrue();

        assertThat(index.rememberedImages()).isEqualTo(1);
    }

    @Test
    void aNewIndexDoesNotAnswerWithTheOldRules() throws Exception {
        RegistryIndex before = RegistryIndex.of(rules(1, i -> "reg.example.com"));
        RegistryIndex after = RegistryIndex.of(rules(2, i -> List.of("ghcr.io", "*.example.com").get(i)));

        assertThat(before.forImage("reg.example.com/app").rules()).containsExactlyElementsOf(before.rules());
        assertThat(after.forImage("reg.example.com/app").rules()).containsExactly(after.rules().get(1));
    }

    private static ImageMatch parsedAndMatched(RegistryIndex index, String image) {
        try {
            String name = ImageReference.parse(image).name();
            return ImageMatch.valid(name, index.matching(name));
        } catch (InvalidImageReferenceException e) {
            return ImageMatch.invalid(e.getMessage());
        }
    }

    private static String generatedPattern(Random random) {
        int r = random.nextInt(400);
        int t = random.nextInt(8);
        return switch (random.nextInt(16)) {
            case 0, 1 -> "reg" + r + ".example.com";
            case 2 -> "reg" + r + ".example.com:" + (5000 + t % 3);
            case 3 -> "reg" + r + ".example.com/team" + t;
            case 4 -> "https://reg" + r + ".example.com/team" + t + (t % 2 == 0 ? "/" : "/app");
            case 5 -> "*.team" + r + ".example.com";
            case 6 -> "reg" + r % 40 + "-*.example.com" + (t % 3 == 0 ? "/team" + t : "");
            case 7 -> "*-" + r % 40 + ".corp.io";
            case 8 -> List.of("*.*.example.com", "*.io", "*", "*:5000", "a*b*.io", "*example.com").get(t % 6);
            case 9 -> "reg.*.example.com/team" + t;
            case 10 -> "[::" + Integer.toHexString(r % 16) + "]:" + (5000 + t % 2) + (t % 3 == 0 ? "/team" + t : "");
            case 11 -> List.of("docker.io/team" + t, "index.docker.io", "docker.io/library", "docker.io").get(t % 4);
            case 12 -> "Reg" + r % 10 + ".Example.com";
            case 13 -> "*.team" + r % 20 + ".*.com";
            case 14 -> "localhost" + (t % 2 == 0 ? "" : ":" + (5000 + t % 3));
            default -> "reg" + r + ".example.com:" + (5000 + t % 3) + "/team" + t;
        };
    }

    private static String generatedImage(Random random) {
        int r = random.nextInt(400);
        int t = random.nextInt(10);
        return switch (random.nextInt(15)) {
            case 0, 1 -> "reg" + r + ".example.com/team" + t + "/app:1";
            case 2 -> "reg" + r + ".example.com:" + (5000 + t % 4) + "/team" + t + "/app";
            case 3 -> "x.team" + r + ".example.com/app";
            case 4 -> "reg" + r % 50 + "-eu.example.com/team" + t;
            case 5 -> "eu-" + r % 50 + ".corp.io/app";
            case 6 -> List.of("nginx", "team" + t + "/app", "library/busybox:1").get(t % 3);
            case 7 -> "localhost" + (t % 2 == 0 ? "" : ":" + (5000 + t % 3)) + "/app";
            case 8 -> "[::" + Integer.toHexString(r % 16) + "]:" + (5000 + t % 3) + "/team" + t;
            case 9 -> "Reg" + r % 12 + ".Example.com/app";
            case 10 -> List.of("ab.io/x", "axbyc.io/x", "myexample.com/x", "example.com/x").get(t % 4);
            case 11 -> "reg.zz" + r % 3 + ".example.com/team" + t + "x";
            case 12 -> "a.team" + r % 20 + ".b.com/app";
            case 13 -> "my_registry.com/foo";
            default -> "[2001:db8::" + r % 3 + "]/repo";
        };
    }

    /** Rules built from generated pattern keys, each with its own secret name so that no two rules are equal. */
    private static List<RegistryRule> rules(int count, IntFunction<String> pattern) throws Exception {
        List<RegistryRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rules.add(RegistryRule.usable(RegistryPattern.parse(pattern.apply(i)), List.of("secret-" + i), "config"));
        }
        return rules;
    }
}
